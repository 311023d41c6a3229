#!/usr/bin/env python3
"""Generate the sample drafts shipped in templates/samples/.

The JSON files are this script's output: edit the text here, run
`python scripts/make_samples.py` (or `--out DIR` to write elsewhere), and
commit both. Block ids are fixed ("en-security-03") so the output is the
same byte for byte on every run.

The samples are a realistic draft of the six-monthly MINUSMA letter for the
period December 2019 to May 2020, built to exercise the app:
- a few figures are still `[…]` placeholders (the Pôle judiciaire caseload,
  the number of courts supplied, a date);
- the armoured-vehicle figures (550 = 479 + 30 + 41, with their percentages)
  are consistent, so the figures check passes on them;
- requirement `perf.underperformance` (how reports of underperformance are
  addressed) is deliberately left uncovered in both languages, so the
  requirements panel shows one "missing" item;
- the French text carries three deliberate typography slips for the
  typography check to report (see FRENCH_SLIPS).

Markup used in the texts below: **bold** and __italic__. In French, "~"
stands for a no-break space (U+00A0) and "^" for a narrow no-break space
(U+202F), so that the typography is visible in the source.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # Run as a plain script, the repository root is not on the path.
    sys.path.insert(0, str(ROOT))

from drafting.letter import (  # noqa: E402
    Block,
    BlockKind,
    Confirmation,
    Letter,
    Metadata,
    Section,
    Span,
    spans_from_text,
)

TEMPLATE_ID = "minusma-six-monthly"
TEMPLATE_VERSION = 2
LANGUAGES = ("fr", "en")
SECTION_IDS = (
    "opening",
    "security",
    "performance",
    "rotation",
    "coordination",
    "framework",
    "exit",
)
DEFAULT_OUT = ROOT / "templates" / "samples"

NBSP = "\u00a0"
NNBSP = "\u202f"

# The slips left on purpose in the French sample (the typography check must
# report them; do not "fix" them here).
FRENCH_SLIPS = (
    "coordination: straight apostrophe in \"l'ensemble des forces\"",
    "framework: ordinary space before the semicolon in \"des jeunes ;\"",
    "exit: ordinary space before the colon in \"**Sécurité régionale** :\"",
)

# Writer-confirmed evidence, to show both "confirmed" and "detected" coverage.
CONFIRMED = (("ops.coordination_body", "coordination", 1), ("perf.rotation", "rotation", 1))

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "opening": "",
        "security": "Security challenges and progress in the Mission’s operations",
        "performance": "Performance of uniformed personnel",
        "rotation": "Rotation of uniformed personnel",
        "coordination": "Coordination of security presences",
        "framework": (
            "Implementation of the integrated strategic framework and transition plan"
        ),
        "exit": "Possible long-term exit strategy",
    },
    "fr": {
        "opening": "",
        "security": "Problèmes de sécurité et progrès des opérations de la Mission",
        "performance": "Performance du personnel en tenue",
        "rotation": "Relève du personnel en tenue",
        "coordination": "Coordination des forces de sécurité présentes au Mali",
        "framework": (
            "Mise en œuvre du cadre stratégique intégré et de son plan de transition"
        ),
        "exit": "Éventuelle stratégie de retrait à long terme",
    },
}

ADDRESSEES = {
    "en": "President of the Security Council",
    "fr": "Président du Conseil de sécurité",
}

CLOSINGS = {
    "en": (
        "I should be grateful if you would share the present letter with the members "
        "of the Security Council."
    ),
    "fr": (
        "Je vous saurais gré de bien vouloir communiquer la présente lettre aux membres "
        "du Conseil de sécurité."
    ),
}

P: BlockKind = "paragraph"
H: BlockKind = "subheading"
B: BlockKind = "bullet"

Texts = dict[str, list[tuple[BlockKind, str]]]

# fmt: off
EN: Texts = {
    "opening": [
        (P, "This letter responds to the request that the Security Council made of me in paragraph 63 of its resolution 2531 (2020): to send it, every six months, a comprehensive letter devoted __exclusively__ to three matters, prepared after hearing all relevant stakeholders, among them my Special Representative for Mali, and in consultation with the Force Commander. Those matters are how the operations of the United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) are progressing, including the security challenges it faces, the execution of its adaptation plan and the work of the Mali Coordination Body; the performance and rotation of uniformed personnel; and the implementation of the integrated strategic framework, together with a transition plan, a resource mobilization strategy and, where relevant, a long-term exit plan. The present letter covers the period from 1 December 2019 to 31 May 2020."),
    ],
    "security": [
        (P, "My latest reports (S/2020/223 and S/2020/476) describe a political and security environment that remains unstable and demanding for MINUSMA. Throughout the period, the Mission helped the signatory parties to the Agreement on Peace and Reconciliation in Mali to resolve their differences through dialogue and to move its implementation forward, and it gave the authorities more support in protecting civilians in the centre of the country."),
        (P, "In the north, Operation Maliko regrouped the Malian armed forces at strategic locations; the Mission therefore took over the protection of civilians in the areas those forces had left, for instance by securing the road from Gao to Labézanga during Operation Seka. It supported the opening of a police station in the second district of Gao and reinforced the Malian police and gendarmerie in Ansongo, Ménaka, Goundam, Niafunké and Tonka. On 26 and 27 April, it entrusted the security of the Operational Coordination Mechanism camps in Gao and Timbuktu to the Malian Defence and Security Forces, which by then had more personnel there."),
        (P, "In the centre, the Mission kept implementing its adaptation plan and worked more closely with the national army. Operation Buffalo allowed it to strengthen its air and ground presence in the most exposed areas of the Bandiagara, Bankass and Koro cercles and to open temporary operating bases there; from those bases it helped the national forces to protect civilians and conducted mediation and reconciliation in localities where the State had rarely been present. It also backed security sector reform, including the national community violence reduction programme, which encourages self-defence groups to lay down their arms, and supported the police and gendarmerie in the centre."),
        (P, "A security response alone will not stop the violence in the centre: basic services must also be restored there, militias dismantled and work offered to young people, and the country needs a justice system able to prosecute those who commit abuses."),
        (P, "Fighting impunity remains a precondition for peace and stability in Mali and across the region. Alongside the United Nations Office on Drugs and Crime, MINUSMA supported the investigations of the __Pôle judiciaire spécialisé__, which handles cases of terrorism and transnational organized crime, and helped it to improve its criminal analysis and case management. On 20 May, [618] cases were under investigation by the Pôle, of which [319] concerned terrorism and [77] transnational organized crime. Of the [13] people arrested to date for crimes against peacekeepers, none has yet been convicted. The Mission also assisted the Specialized Investigation Brigade, including in the investigation into the abduction of Soumaïla Cissé, the leader of the opposition."),
    ],
    "performance": [
        (P, "To become more effective, MINUSMA continued to take practical steps, giving priority to the delivery of its mandate and to the safety and security of its personnel, in keeping with the performance framework provided for in paragraph 49 of resolution 2531 (2020). Early in 2020 it revised several standard operating procedures, in particular to decentralize casualty evacuation, which is now faster; it also lightened its situation reporting and made investigations after serious incidents more rigorous."),
        (P, "In January, the opening of a temporary operating base at Douna-Pen, in the centre, made possible four mediation missions in Koro cercle as well as quick-impact projects funded by the Mission, which drew communities closer together and cleared the way for humanitarian actors. The Office for the Coordination of Humanitarian Affairs took part in one of those missions on 10 March to assess needs. This effort matters all the more because terrorist groups take advantage of tensions between communities."),
        (P, "When deadly attacks struck Dioungani (Koro cercle) and Ogossogou (Bankass cercle), the Mission set up temporary operating bases there within 48 hours; calm returned, and both humanitarian aid and investigations into human rights violations could follow. In Malémana (Ténenkou cercle), it accompanied, at the authorities’ request, gendarmerie investigators sent to verify allegations of violations."),
        (P, "Early warning and response arrangements proved their worth. In early March, just after several deadly attacks in Bankass cercle, the Mission was warned of a further assault, partly through its free hotline; deterrent overflights were enough to disperse the suspected attackers. The police, for their part, conducted long-range mixed patrols to reach isolated communities in the Bankass, Koro and Bandiagara cercles."),
        (P, "According to an incident-mapping tool that the Mission has been piloting, which brings military and civilian data together, the patrols of Operation Buffalo made the high-risk areas of Bandiagara and Koro safer and kept incidents there from escalating: their deterrent effect was felt for up to two weeks, and no reprisals against civilians were reported once the peacekeepers had left."),
        (P, "To protect its personnel, the Mission taught convoy commanders, with the help of the Mine Action Service, how to defeat improvised explosive devices. In March, during an escort, a combat convoy company thus detected and neutralized five such devices. Because all contingents now apply mitigation measures, a large share of devices is spotted before it can cause casualties."),
        (P, "Specialized equipment, including mine-protected vehicles, has helped to spare lives. Of the 550 armoured vehicles of MINUSMA, 479 (87 per cent) are used every day, 30 (5.5 per cent) are undergoing maintenance and 41 (7.5 per cent) are unusable: damaged by explosive devices or for other reasons, they cannot be repaired in the mission area and must be replaced without delay. I urge all Member States to keep the commitments they made under the Action for Peacekeeping initiative by providing peacekeepers with the equipment and training they need."),
        (H, "Assessments of the military and police components"),
        (P, "Of the 24 military units that MINUSMA has assessed since the beginning of 2020, 1 was rated excellent and 15 satisfactory; 4 showed weaknesses in their understanding of the mandate, in training or in command and control; and the last 4 need to progress in every respect."),
        (P, "The police component, which has applied its comprehensive performance assessment system since June 2019, has assessed its 10 formed police units: all performed satisfactorily against criteria such as relations with the population, understanding of the mandate and of the protection of civilians, and command and control. The quarterly assessments show that damaged armoured personnel carriers and expired ammunition must be replaced, language skills improved and force protection during patrols strengthened."),
        (P, "Since my previous letter (S/2019/1004), no undeclared caveats have been found and no troop-contributing country has refused to take risks. A combat convoy company did, however, object to reconnoitring a new supply route, on the grounds that its bivouacs would have had no aerial surveillance at night. Although commanders must comply with directives, it was recognized that the danger could justify revisiting that unit’s statement of requirements."),
        (H, "Challenges"),
        (P, "Because it is more present and more active in the centre, the Mission raises high expectations among the population, which sometimes turn into frustration, as its means do not allow it to deal with several incidents at once. Allegations that the armed forces committed human rights violations have also complicated its relations with communities; in line with the human rights due diligence policy, MINUSMA continues to call on the authorities to prevent such acts and to shed light on the allegations promptly."),
        (P, "Some uniformed personnel contracted coronavirus disease (COVID-19), but the Mission and the authorities acted quickly and the infection did not spread through the units; most of those affected have recovered. Priority activities continued, including support to the legislative elections and to the mechanisms that monitor the implementation of the Agreement: six women now sit on the Agreement Monitoring Committee."),
        (P, "Travel restrictions imposed around the world slowed the rotation of aircrews, specialized maintenance and the delivery of spare parts, and so reduced flight hours. The Mission maintained medical and casualty evacuation, its rapid response capacity and priority missions, but the lack of air assets weighs more heavily on the combat convoy companies that resupply its bases."),
    ],
    "rotation": [
        (P, "To slow the spread of COVID-19, I asked that new deployments and rotations of uniformed personnel be suspended. Only the rotations essential to the continuity of operations were authorized, as an exception and with the consent of the Malian authorities, subject to quarantine before and after deployment."),
        (P, "As soon as conditions permit, the postponed rotations will be rescheduled together with the troop- and police-contributing countries, with testing and quarantine still required."),
    ],
    "coordination": [
        (P, "As the only forum in which the activities of all the security forces deployed in Mali are brought together, the Mali Coordination Body (__Instance de coordination au Mali__) continued to discuss how security responsibilities are shared. Meeting on 12 March, it considered the plan to turn Ménaka, in the north, into a weapons-free zone. At staff level, the monthly operational coordination meetings, attended by representatives of every security force in the country, have clearly improved coordination."),
    ],
    "framework": [
        (P, "Thanks to the integrated strategic framework, the work of the United Nations in Mali has become still more coherent, efficient and integrated, particularly during the legislative elections and in the fight against COVID-19. Harmonized with the national development plans and with the United Nations Sustainable Development Cooperation Framework, it remains the preferred instrument for coordinating a response that makes the most of the comparative advantages of each entity."),
        (P, "For the legislative elections of 29 March and 19 April, the Mission and the country team together supported the authorities through the integrated electoral assistance team, led jointly by MINUSMA and the United Nations Development Programme (UNDP), with the United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women) also involved. MINUSMA gave the authorities political, technical, logistical and security support and transported electoral material to the north and the centre; UNDP assisted the election management bodies and civil society. Their combined efforts encouraged women and young people to take part; the Mission and UNDP also helped the Government to protect polling stations from COVID-19."),
        (P, "In the centre, thanks to the good offices of MINUSMA and the country team and to a dialogue open to all communities, 3,120 displaced persons were able to return to Femaye, a commune in Djenné cercle. With United Nations humanitarian and development agencies, the World Health Organization and several non-governmental organizations, the Mission drew up an action plan to remove what still stands in the way of returns: insecurity, protection, housing, health, and water and sanitation."),
        (P, "To respond jointly to COVID-19, the Mission and the country team set up a common task force; advised technically by the World Health Organization, MINUSMA redirected resources to three large projects that strengthen the Ministry of Health and give local authorities the means to contain the epidemic. Together with the European Union, UNDP and the International Committee of the Red Cross, it supplied basic necessities to [21] courts and 34 prisons in Bamako, the centre and the north."),
        (P, "On 23 January, following a workshop held in November, the Mission and the country team agreed on the transition calendar. In view of a complex political and security situation that is changing fast, the calendar builds on the implementation of the integrated strategic framework, so that the work of the United Nations is better coordinated and partners are better able to act in the areas affected by the transition. It also includes a conflict analysis that integrates gender and human rights, and an inventory of partners’ capacities and gaps; on that basis, tasks may be entrusted to the United Nations country team, according to the mandate and comparative advantages of each entity."),
        (P, "Resource mobilization is part of the same approach. The Mission and the country team are finalizing a joint strategy for it, which they will submit by [September 2020] to the Government and to all bilateral and multilateral partners, among them the European Union and the international financial institutions, so that the tasks to be transferred are funded before the Mission withdraws from them."),
    ],
    "exit": [
        (P, "Should MINUSMA withdraw, its departure would depend on political and security conditions: full implementation of the Agreement, and national capacities and regional initiatives solid enough to stabilize Mali and the Sahel. Developments on the ground will have to be measured continuously against these conditions."),
        (P, "Following the criteria set by the Council, any long-term exit plan should assess progress against four benchmarks:"),
        (B, "**Security and political conditions**: a lasting improvement in security and in the political situation;"),
        (B, "**National forces**: reconstituted and reformed Malian Defence and Security Forces, effectively redeployed in the north and centre of the country;"),
        (B, "**Regional security**: a Joint Force of the Group of Five for the Sahel (G5 Sahel) that has become truly operational;"),
        (B, "**The Agreement**: headway in implementing the Agreement, the main milestone of the transition."),
        (P, "The ultimate goal is a more stable and peaceful Mali whose State is able to defend its territory and sovereignty, protect its civilian population, settle political disputes without violence and provide basic services; the peacekeeping presence could then be reconfigured or even withdrawn. Without national ownership, no exit strategy can succeed: it requires dialogue and partnership between the country’s authorities and the international community in order to tackle the root causes of instability."),
        (P, "As I stressed in my previous letter, submitted under resolution 2480 (2019), a premature withdrawal would jeopardize what has been achieved since the Mission was established in 2013, as well as the considerable investment made by the international community, with potentially devastating consequences for Mali and the Sahel."),
    ],
}

FR: Texts = {
    "opening": [
        (P, "La présente lettre répond à la demande que le Conseil de sécurité m’a faite au paragraphe~63 de sa résolution 2531~(2020)~: lui faire parvenir, chaque semestre, une lettre complète consacrée __exclusivement__ à trois questions, établie après avoir entendu toutes les parties intéressées, dont mon Représentant spécial pour le Mali, et en concertation avec le commandant de la force. Ces questions sont l’avancement des opérations de la MINUSMA, y compris les problèmes de sécurité auxquels elle fait face, l’exécution de son plan d’adaptation et les travaux de l’Instance de coordination au Mali~; la performance et la relève du personnel en tenue~; enfin, l’application du cadre stratégique intégré, assorti d’un plan de transition, d’une stratégie de mobilisation des ressources et, le cas échéant, d’un plan de retrait à long terme. Elle rend compte de la période allant du 1er~décembre 2019 au 31~mai 2020."),
    ],
    "security": [
        (P, "Mes rapports les plus récents (S/2020/223 et S/2020/476) décrivent un environnement politique et sécuritaire qui reste instable et difficile pour la MINUSMA. Tout au long de la période, la Mission a aidé les parties signataires de l’Accord de paix à aplanir leurs différends par le dialogue et à en faire progresser l’application, et elle a davantage appuyé les autorités qui protègent les civils dans le centre."),
        (P, "Dans le nord, l’opération Maliko a regroupé les forces armées maliennes sur des positions stratégiques~; la Mission a donc pris le relais pour protéger les civils là où ces forces s’étaient retirées, par exemple en sécurisant la route de Gao à Labézanga lors de l’opération «~Seka~». Elle a soutenu l’ouverture d’un commissariat de police dans le deuxième arrondissement de Gao et prêté main-forte à la police et à la gendarmerie maliennes à Ansongo, à Ménaka, à Goundam, à Niafunké et à Tonka. Les 26 et 27~avril, elle a confié la garde des camps du Mécanisme opérationnel de coordination de Gao et de Tombouctou aux forces maliennes de défense et de sécurité, qui y avaient accru leurs effectifs."),
        (P, "Dans le centre, la Mission a continué d’appliquer son plan d’adaptation et travaillé plus étroitement avec l’armée nationale. L’opération Buffalo lui a permis de renforcer sa présence aérienne et terrestre dans les secteurs les plus exposés des cercles de Bandiagara, Bankass et Koro et d’y ouvrir des bases opérationnelles temporaires~; à partir de celles-ci, elle a aidé les forces nationales à protéger les civils et a mené des activités de médiation et de réconciliation dans des localités où l’État ne s’était guère montré. Elle a en outre accompagné la réforme du secteur de la sécurité, notamment le programme national de réduction de la violence communautaire, qui pousse les groupes d’autodéfense à rendre les armes, et soutenu la police et la gendarmerie dans le centre."),
        (P, "La réponse sécuritaire ne suffira pas, à elle seule, à faire cesser les violences dans le centre~: il faudra aussi y rétablir les services de base, démanteler les milices et offrir du travail aux jeunes, et le pays a besoin d’une justice en mesure de poursuivre les auteurs d’exactions."),
        (P, "La lutte contre l’impunité est indispensable pour que la paix et la stabilité s’installent durablement, au Mali comme dans la région. Aux côtés de l’ONUDC, la MINUSMA a soutenu les enquêtes du Pôle judiciaire spécialisé, chargé des affaires de terrorisme et de criminalité transnationale organisée, et l’a aidé à mieux analyser les infractions et à mieux gérer ses dossiers. Le 20~mai, [618] affaires étaient à l’instruction devant le Pôle, dont [319] concernaient le terrorisme et [77] la criminalité transnationale organisée. Aucune des [13] personnes arrêtées jusqu’ici pour des crimes visant des Casques bleus n’a encore été reconnue coupable. La Mission a aussi prêté son concours à la Brigade d’investigation spécialisée, notamment pour l’enquête sur l’enlèvement de Soumaïla Cissé, chef de file de l’opposition."),
    ],
    "performance": [
        (P, "Pour gagner en efficacité, la MINUSMA a continué d’agir concrètement, en privilégiant l’exécution de son mandat et la protection de son personnel, dans le respect du dispositif de gestion de la performance prévu au paragraphe~49 de la résolution 2531~(2020). Elle a révisé plusieurs instructions permanentes au début de 2020, en particulier pour décentraliser les évacuations sanitaires primaires, désormais plus rapides~; elle a en outre allégé ses comptes rendus de situation et renforcé la rigueur des enquêtes menées après des incidents graves."),
        (P, "En janvier, la Mission a ouvert à Douna-Pen, dans le centre, une base opérationnelle temporaire grâce à laquelle elle a pu conduire dans le cercle de Koro quatre missions de médiation et financer des projets à effet rapide qui ont resserré les liens entre communautés et ouvert la voie aux acteurs humanitaires. Une équipe du Bureau de la coordination des affaires humanitaires a d’ailleurs participé à l’une de ces missions le 10~mars afin d’évaluer les besoins. Cet effort compte d’autant plus que les groupes terroristes tirent parti des tensions entre communautés."),
        (P, "Lorsque Dioungani (cercle de Koro) et Ogossogou (cercle de Bankass) ont été frappés par des attaques meurtrières, la Mission y a établi des bases opérationnelles temporaires dans les 48 heures~; le calme est revenu, et l’aide humanitaire comme les enquêtes sur les atteintes aux droits de l’homme ont pu suivre. À Malémana (cercle de Ténenkou), elle a accompagné, sur demande des autorités, des enquêteurs de la gendarmerie chargés de vérifier des allégations de violations."),
        (P, "Les dispositifs d’alerte rapide et de réaction ont fait leurs preuves. Début mars, après plusieurs attaques meurtrières dans le cercle de Bankass, la Mission a été prévenue d’un nouvel assaut, en partie grâce à sa ligne téléphonique gratuite~; des survols dissuasifs ont suffi à disperser les assaillants présumés. La police, de son côté, a conduit des patrouilles mixtes de longue portée pour atteindre les populations isolées des cercles de Bankass, de Koro et de Bandiagara."),
        (P, "D’après un outil de cartographie des incidents que la Mission met à l’essai et qui croise données militaires et civiles, les patrouilles de l’opération Buffalo ont rendu plus sûres les zones à haut risque de Bandiagara et de Koro et y ont évité que les incidents ne s’aggravent~: leur effet dissuasif s’est fait sentir jusqu’à deux semaines, et nul acte de représailles visant des civils n’a été rapporté une fois les Casques bleus repartis."),
        (P, "Afin de protéger son personnel, la Mission a appris aux commandants de convoi, avec le concours du Service de la lutte antimines, à déjouer les engins explosifs improvisés. En mars, lors d’une escorte, une compagnie de protection de convois a ainsi détecté et neutralisé cinq de ces engins. Comme tous les contingents appliquent désormais des mesures d’atténuation, une large part des engins est repérée avant d’avoir pu faire des victimes."),
        (P, "Les équipements spécialisés, dont les véhicules résistants aux mines, ont permis d’épargner des vies. Sur les 550 véhicules blindés de la MINUSMA, 479 (87~%) servent chaque jour, 30 (5,5~%) sont en cours d’entretien et 41 (7,5~%) sont inutilisables~: endommagés par des engins explosifs ou pour d’autres motifs, ils ne peuvent être réparés dans la zone de la mission et doivent être remplacés sans tarder. J’engage tous les États Membres à honorer leurs engagements au titre de l’initiative Action pour le maintien de la paix, en fournissant aux Casques bleus l’équipement et la formation dont ils ont besoin."),
        (H, "Évaluation des composantes militaire et de police"),
        (P, "Sur les 24 unités militaires que la MINUSMA a évaluées depuis le début de 2020, 1 a obtenu la mention «~excellent~» et 15 la mention «~satisfaisant~»~; 4 présentaient des faiblesses touchant la compréhension du mandat, la formation ou le commandement et le contrôle, et les 4 dernières doivent progresser sur tous les plans."),
        (P, "La composante Police, qui applique depuis juin 2019 son système complet d’évaluation de la performance, a évalué ses 10 unités de police constituées~: toutes ont donné satisfaction au regard de critères comme les relations avec la population, la compréhension du mandat et de la protection des civils, ou encore le commandement et le contrôle. Il ressort des évaluations trimestrielles qu’il faut remplacer des véhicules blindés de transport de troupes endommagés et des munitions arrivées à expiration, améliorer la maîtrise des langues et mieux protéger la force pendant les patrouilles."),
        (P, "Depuis ma précédente lettre (S/2019/1004), il n’a été relevé aucun cas de restrictions non déclarées, et aucun pays fournisseur de contingents n’a refusé de prendre des risques. Une compagnie de protection de convois s’est cependant opposée à une reconnaissance sur un nouvel itinéraire de ravitaillement, ses bivouacs devant rester sans surveillance aérienne la nuit. Si les commandants doivent se conformer aux directives, on a reconnu que le danger pouvait justifier de revoir l’état des besoins de cette unité."),
        (H, "Difficultés rencontrées"),
        (P, "Parce qu’elle est plus présente et plus active dans le centre, la Mission suscite dans la population des attentes élevées, qui tournent parfois à la frustration, ses moyens ne lui permettant pas de faire face à plusieurs incidents à la fois. Les accusations de violations des droits de l’homme visant les forces armées ont en outre pesé sur les rapports de la Mission avec les communautés~; conformément à la politique de diligence voulue, la Mission continue d’inviter les autorités à prévenir de tels actes et à faire promptement la lumière sur les allégations."),
        (P, "Des membres du personnel en tenue ont été atteints de la maladie à coronavirus (COVID-19), mais la Mission et les autorités ont agi vite et la contagion ne s’est pas étendue aux unités~; la plupart des personnes touchées sont guéries. Les activités prioritaires se sont poursuivies, dont l’appui aux élections législatives et aux mécanismes chargés de surveiller l’application de l’Accord~: six femmes siègent désormais au Comité de suivi."),
        (P, "Les restrictions de déplacement imposées dans le monde ont freiné la relève des équipages, l’entretien spécialisé et l’acheminement des pièces de rechange, et donc réduit le nombre d’heures de vol. La Mission a maintenu les évacuations sanitaires et médicales, sa capacité de réaction rapide et les missions prioritaires, mais la pénurie de moyens aériens pèse davantage sur les compagnies de protection de convois chargées de ravitailler ses bases."),
    ],
    "rotation": [
        (P, "Pour freiner la propagation de la COVID-19, j’ai demandé que les nouveaux déploiements et les relèves du personnel en tenue soient suspendus. Seules les relèves indispensables à la continuité des opérations ont été autorisées, à titre d’exception et avec l’assentiment des autorités maliennes, moyennant une quarantaine avant et après le déploiement."),
        (P, "Dès que la situation le permettra, les relèves ajournées seront reprogrammées en concertation avec les pays d’où viennent les contingents et les policiers, les tests de dépistage et la quarantaine restant de mise."),
    ],
    "coordination": [
        (P, "Seule enceinte où sont rapprochées les activités de l'ensemble des forces de sécurité déployées au Mali, l’Instance de coordination au Mali a poursuivi ses échanges sur la répartition des responsabilités en matière de sécurité. Réunie le 12~mars, elle s’est penchée sur le projet de faire de Ménaka, dans le nord, une zone «~sans armes~». À l’échelon des états-majors, les réunions mensuelles de coordination opérationnelle, où siègent des représentants de chacune des forces de sécurité du pays, ont nettement amélioré la coordination."),
    ],
    "framework": [
        (P, "Grâce au cadre stratégique intégré, l’action des Nations Unies au Mali a encore gagné en cohérence, en efficience et en intégration, en particulier pendant les élections législatives et dans la lutte contre la COVID-19. Harmonisé avec les plans nationaux de développement et avec le Plan-cadre de coopération pour le développement durable, ce cadre demeure l’instrument privilégié pour coordonner une réponse qui mette à profit les avantages comparatifs de chaque entité."),
        (P, "Lors des élections législatives des 29~mars et 19~avril, les autorités ont bénéficié du soutien conjoint de la Mission et de l’équipe de pays, apporté par l’équipe intégrée d’appui électoral, dirigée conjointement par la MINUSMA et le PNUD et à laquelle ONU-Femmes était associée. La MINUSMA a fourni un soutien politique, technique, logistique et sécuritaire et a transporté le matériel électoral vers le nord et le centre~; le PNUD a épaulé les organes de gestion des élections et la société civile. Leurs efforts conjugués ont favorisé la participation des femmes et des jeunes ; la Mission et le PNUD ont également aidé le Gouvernement à prémunir les bureaux de vote contre la COVID-19."),
        (P, "Dans le centre, grâce aux bons offices de la MINUSMA et de l’équipe de pays et à un dialogue ouvert à toutes les communautés, 3^120 personnes déplacées ont pu regagner Femaye, commune du cercle de Djenné. Avec les organismes humanitaires et de développement des Nations Unies, l’Organisation mondiale de la Santé et plusieurs organisations non gouvernementales, la Mission a élaboré un plan d’action visant à lever ce qui fait encore obstacle aux retours~: insécurité, protection, logement, santé, eau et assainissement."),
        (P, "Pour répondre ensemble à la COVID-19, la Mission et l’équipe de pays se sont dotées d’une équipe spéciale commune~; conseillée sur le plan technique par l’Organisation mondiale de la Santé, la MINUSMA a réorienté des ressources vers trois projets d’envergure qui renforcent le Ministère de la santé et donnent aux autorités locales les moyens de contenir l’épidémie. Conjointement avec l’Union européenne, le PNUD et le Comité international de la Croix-Rouge, elle a fourni des articles de première nécessité à [21] tribunaux et 34 prisons situés à Bamako, dans le centre et dans le nord."),
        (P, "Un atelier organisé en novembre a débouché, le 23~janvier, sur l’adoption par la Mission et l’équipe de pays du calendrier de la transition. Dans une situation politique et sécuritaire complexe et mouvante, ce calendrier prend appui sur la mise en œuvre du cadre stratégique intégré, afin que l’action des Nations Unies soit mieux coordonnée et que les partenaires soient plus à même d’intervenir dans les domaines concernés par la transition. Il comprend en outre une analyse du conflit qui intègre les questions de genre et les droits de l’homme, ainsi qu’un inventaire des capacités et des carences des partenaires~; c’est sur cette base que des tâches pourront être confiées à l’équipe de pays, selon le mandat et les avantages comparatifs de chaque entité."),
        (P, "La mobilisation des ressources s’inscrit dans cette même démarche. La Mission et l’équipe de pays mettent au point une stratégie commune en la matière, qu’elles soumettront d’ici à [septembre 2020] au Gouvernement ainsi qu’à tous les partenaires bilatéraux et multilatéraux, parmi lesquels l’Union européenne et les institutions financières internationales, pour que les tâches appelées à être transférées soient financées avant que la Mission ne s’en retire."),
    ],
    "exit": [
        (P, "Le retrait de la MINUSMA, s’il devait intervenir, serait subordonné à des conditions politiques et de sécurité~: l’application intégrale de l’Accord, ainsi que des capacités nationales et des initiatives régionales suffisamment solides pour stabiliser le Mali et le Sahel. Il faudra mesurer en continu l’évolution de la situation sur le terrain à l’aune de ces conditions."),
        (P, "Selon les critères retenus par le Conseil, tout plan de retrait à long terme devrait apprécier les progrès accomplis au regard de quatre repères~:"),
        (B, "**Conditions de sécurité et situation politique**~: une amélioration durable de la sécurité comme de la situation politique~;"),
        (B, "**Forces nationales**~: des forces maliennes de défense et de sécurité reconstituées et réformées, effectivement redéployées dans le centre et le nord du pays~;"),
        (B, "**Sécurité régionale** : une Force conjointe du G5 Sahel devenue pleinement opérationnelle~;"),
        (B, "**Accord**~: l’avancement de l’application de l’Accord, jalon principal de la transition."),
        (P, "L’objectif final est un Mali plus stable et pacifique, dont l’État soit capable de défendre son territoire et sa souveraineté, de protéger sa population civile, de régler les différends politiques sans violence et de fournir les services de base~; la présence de maintien de la paix pourrait alors être reconfigurée, voire retirée. Sans appropriation nationale, aucune stratégie de retrait ne saurait aboutir~: celle-ci suppose un dialogue et un partenariat entre les autorités du pays et la communauté internationale, afin de s’attaquer aux causes profondes de l’instabilité."),
        (P, "Ainsi que je l’ai souligné dans ma lettre précédente, présentée au titre de la résolution 2480~(2019), un retrait prématuré mettrait en péril ce qui a été acquis depuis que la Mission a été créée, en 2013, ainsi que l’important investissement consenti par la communauté internationale, avec des conséquences potentiellement dévastatrices pour le Mali et le Sahel."),
    ],
}
# fmt: on

TEXTS: dict[str, Texts] = {"en": EN, "fr": FR}

_MARKUP_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def _typeset(text: str, lang: str) -> str:
    """Turn the source's "~" and "^" into the French no-break spaces."""
    if lang != "fr":
        return text
    return text.replace("~", NBSP).replace("^", NNBSP)


def spans_from_markup(text: str) -> list[Span]:
    """Spans for text with **bold** and __italic__ runs; `[…]` become placeholders."""
    spans: list[Span] = []
    pos = 0
    for m in _MARKUP_RE.finditer(text):
        if m.start() > pos:
            spans.extend(spans_from_text(text[pos : m.start()]))
        if m.group(1) is not None:
            spans.extend(spans_from_text(m.group(1), bold=True))
        else:
            spans.extend(spans_from_text(m.group(2), italic=True))
        pos = m.end()
    if pos < len(text):
        spans.extend(spans_from_text(text[pos:]))
    return spans


def _block(kind: BlockKind, text: str, block_id: str) -> Block:
    if _MARKUP_RE.search(text):
        return Block(kind=kind, spans=spans_from_markup(text), id=block_id, boilerplate=False)
    return Block.from_text(text, kind, id=block_id, boilerplate=False)


def block_id(lang: str, section_id: str, number: int) -> str:
    """The fixed id of the `number`-th (from 1) block of a section."""
    return f"{lang}-{section_id}-{number:02d}"


def build_letter(lang: str) -> Letter:
    """The sample letter in `lang` ("en" or "fr")."""
    metadata = Metadata(
        mission="MINUSMA",
        organ="security-council",
        symbol="S/2020/481",
        date=date(2020, 6, 1),
        letter_date=date(2020, 6, 1),
        language=lang,
        original_language="en",
        job_number="20-07899",
        addressee=ADDRESSEES[lang],
        signatory="António Guterres",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 5, 31),
        mandate_reference="S/RES/2531(2020), para. 63",
        closing=CLOSINGS[lang],
    )
    sections: list[Section] = []
    for section_id in SECTION_IDS:
        blocks = [
            _block(kind, _typeset(text, lang), block_id(lang, section_id, n))
            for n, (kind, text) in enumerate(TEXTS[lang][section_id], start=1)
        ]
        sections.append(
            Section(id=section_id, heading=HEADINGS[lang][section_id], blocks=blocks)
        )
    confirmations = [
        Confirmation(requirement, block_id(lang, section_id, n))
        for requirement, section_id, n in CONFIRMED
    ]
    return Letter(
        template_id=TEMPLATE_ID,
        template_version=TEMPLATE_VERSION,
        metadata=metadata,
        sections=sections,
        confirmations=confirmations,
    )


def render(letter: Letter) -> str:
    """The JSON text of a letter, stable from run to run."""
    return json.dumps(letter.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sample_name(lang: str) -> str:
    return f"{TEMPLATE_ID}.{lang}.json"


def write_samples(out_dir: Path) -> list[Path]:
    """Write every sample into `out_dir` (created if needed); returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lang in LANGUAGES:
        path = out_dir / sample_name(lang)
        tmp = path.with_suffix(".json.tmp")
        # newline="\n" keeps the files identical on Windows checkouts.
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(build_letter(lang)))
        tmp.replace(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the sample drafts shipped in templates/samples/."
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"folder to write the samples into (default: {DEFAULT_OUT.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    for path in write_samples(args.out):
        letter = Letter.from_dict(json.loads(path.read_text(encoding="utf-8")))
        print(f"{path}: {letter.word_count()} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
