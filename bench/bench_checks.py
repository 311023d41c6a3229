"""Benchmark of the checks on a ~50-page letter (≈25,000 words).

    .venv/bin/python bench/bench_checks.py [--runs N] [--lang fr|en]

Prints the median and spread of `run_checks` (a cold, full check every time,
no cache shared between runs), the part of it spent in
`drafting.typography.typography_issues`, and `Checker.check` after one
paragraph of one section changed (what the GUI does while typing). Target:
full check ≤ 100 ms median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafting.checks import Checker, run_checks  # noqa: E402
from drafting.letter import Block, Letter  # noqa: E402
from drafting.templates.catalog import create_letter, get_template  # noqa: E402
from drafting.typography import typography_issues  # noqa: E402

PLACES = ["Gao", "Tombouctou", "Kidal", "Ménaka", "Mopti", "Bandiagara", "Koro", "Bankass", "Sévaré"]

# Sentences with figures, symbols or placeholders: about one in six of a
# real letter's sentences, as in the seed letter.
SPECIAL = {
    "fr": [
        "Le parc compte 550 véhicules blindés, dont 479 (87 %) roulent tous les jours, "
        "30 (5,5 %) attendent une réparation et 41 (7,5 %) sont perdus.",
        "La Mission a évalué {n} unités selon la méthodologie du paragraphe 49 de la résolution "
        "2531 (2020).",
        "Comme indiqué dans mon rapport (S/2020/223), les progrès restent fragiles à {place}.",
        "Le {n} mai, le pôle judiciaire instruisait [618] dossiers, dont [319] pour "
        "terrorisme.",
    ],
    "en": [
        "The fleet counts 550 armoured vehicles, of which 479 (87 per cent) run daily, 30 (5.5 "
        "per cent) await repairs and 41 (7.5 per cent) are lost for good.",
        "The Mission evaluated {n} units against the methodology of paragraph 49 of resolution "
        "2531 (2020).",
        "As noted in my report (S/2020/223), progress remains fragile in {place}.",
        "On {n} May, the judicial unit had [618] open files, of which [319] concerned "
        "terrorism.",
    ],
}
ORDINARY = {
    "fr": [
        "Dans la région de {place}, la Mission a mené {n} patrouilles de longue portée avec les "
        "forces maliennes afin de rassurer la population.",
        "La situation en matière de sécurité autour de {place} est restée tendue après {n} "
        "attaques contre des civils.",
        "Au titre du plan d’adaptation, {n} hélicoptères supplémentaires ont été affectés au "
        "secteur de {place}.",
        "Les relèves des contingents prévues à {place} ont été reportées de {n} semaines.",
        "L’Instance de coordination au Mali a examiné le partage des responsabilités autour de "
        "{place}.",
        "Le cadre stratégique intégré oriente l’action de l’équipe de pays à {place}.",
        "Une stratégie de mobilisation des ressources a été présentée aux partenaires "
        "bilatéraux le {n} mars.",
        "Le redéploiement des Forces de défense et de sécurité maliennes à {place} reste "
        "partiel ; il dépend de l’appui logistique.",
        "Des projets à effet rapide ont permis de réhabiliter {n} écoles et un marché à {place}.",
        "Les autorités locales de {place} ont salué la présence renforcée des Casques bleus.",
        "Des réunions de dialogue intercommunautaire se sont tenues à {place} avec les chefs "
        "traditionnels et les associations de femmes.",
        "La Mission a escorté des convois humanitaires vers {place} malgré la saison des pluies.",
        "Les équipes de déminage ont détruit plusieurs engins explosifs sur l’axe menant à "
        "{place}.",
        "Le bureau régional de {place} a formé des agents de police à la gestion des foules.",
        "Les femmes de {place} ont demandé une meilleure représentation dans les comités locaux.",
        "Les déplacements de la population vers {place} témoignent d’un retour prudent au calme.",
        "La coopération avec les autorités judiciaires de {place} s’est intensifiée pendant la "
        "période.",
        "Des survols dissuasifs ont été effectués au-dessus de {place} après une alerte.",
        "Le personnel médical de la Mission a soigné des civils blessés près de {place}.",
        "Les jeunes de {place} ont participé à des chantiers de réhabilitation des routes.",
    ],
    "en": [
        "In the {place} region, the Mission conducted {n} long-range patrols with the Malian "
        "forces to reassure the population.",
        "The security situation around {place} remained tense after {n} attacks on civilians.",
        "Under the adaptation plan, {n} more helicopters were assigned to the {place} sector.",
        "Rotations planned in {place} were postponed by {n} weeks.",
        "The coordination body in Mali discussed how security responsibilities are shared "
        "around {place}.",
        "The integrated strategic framework guides the country team’s work in {place}.",
        "A resource mobilization strategy was presented to bilateral partners on {n} March.",
        "The redeployment of the Malian Defence and Security Forces to {place} remains partial; "
        "it depends on logistical support.",
        "Quick-impact projects rehabilitated {n} schools and a market in {place}.",
        "Local authorities in {place} welcomed the stronger presence of peacekeepers.",
        "Intercommunal dialogue meetings were held in {place} with traditional leaders and "
        "women’s associations.",
        "The Mission escorted humanitarian convoys to {place} despite the rainy season.",
        "Demining teams destroyed several explosive devices on the road to {place}.",
        "The regional office in {place} trained police officers in crowd management.",
        "Women in {place} asked for better representation on local committees.",
        "Population movements towards {place} point to a cautious return to calm.",
        "Cooperation with the judicial authorities in {place} grew closer during the period.",
        "Dissuasive overflights took place above {place} after an alert.",
        "The Mission’s medical staff treated wounded civilians near {place}.",
        "Young people in {place} took part in road rehabilitation work.",
    ],
}


def build_letter(lang: str, words: int = 25_000, seed: int = 7) -> Letter:
    """A letter of about `words` words spread over the template's sections."""
    rng = random.Random(seed)
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, lang, symbol="S/2020/481", date=date(2020, 6, 2),
                           job_number="20-07899", letter_date=date(2020, 6, 1))
    body = [s for s in letter.sections if s.id != "opening"]
    total = 0
    i = 0
    while total < words:
        sentences = [
            rng.choice(SPECIAL[lang] if rng.random() < 1 / 6 else ORDINARY[lang]).format(
                place=rng.choice(PLACES), n=rng.randint(2, 28)
            )
            for _ in range(rng.randint(3, 7))
        ]
        block = Block.from_text(" ".join(sentences))
        body[i % len(body)].blocks.append(block)
        total += block.word_count()
        i += 1
    return letter


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of `runs` calls (CPU time is steadier on a busy host)."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return wall, cpu


def report(name: str, samples: tuple[list[float], list[float]]) -> None:
    wall, cpu = samples
    print(f"{name:<44} median {statistics.median(wall):7.1f} ms wall "
          f"({statistics.median(cpu):6.1f} ms CPU)   min {min(wall):6.1f}   max {max(wall):6.1f}"
          f"   (n={len(wall)})")


def bench_language(lang: str, runs: int) -> None:
    template = get_template("minusma-six-monthly")
    letter = build_letter(lang)
    blocks = sum(len(s.blocks) for s in letter.sections)
    print(f"[{lang}] {letter.word_count()} words, {blocks} paragraphs")
    run_checks(letter, template)  # warm imports and regex compilation
    full = timed(lambda: run_checks(letter, template), runs)
    checker = Checker(template)
    checker.check(letter)
    target = letter.section("framework").blocks[-1]
    original = target.text
    counter = [0]

    def one_change() -> None:
        counter[0] += 1
        target.set_text(f"{original} ({counter[0]})")
        checker.check(letter, changed_sections=["framework"])

    incremental = timed(one_change, runs)
    texts = [b.text for _sid, _i, b in letter.iter_blocks()]
    typography = timed(lambda: [typography_issues(t, lang) for t in texts], runs)
    result = run_checks(letter, template)
    report(f"[{lang}] run_checks (full, cold)", full)
    report(f"[{lang}]   of which typography_issues alone", typography)
    report(f"[{lang}] Checker.check after one-section change", incremental)
    print(f"[{lang}] {len(result.findings)} findings, "
          f"{sum(r.status == 'covered' for r in result.requirements)}/16 covered")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lang", choices=["fr", "en"], action="append")
    args = parser.parse_args(argv)
    for lang in args.lang or ["fr", "en"]:
        bench_language(lang, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
