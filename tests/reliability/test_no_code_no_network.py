"""No code, no network: a whole new → import → fill → check → export cycle
runs with every network connection and every program launch forbidden, and
nothing in a template or a draft is ever run, evaluated or fetched."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from drafting import paths
from drafting.checks import run_checks
from drafting.errors import TemplateError
from drafting.export import export_docx
from drafting.importers import import_letter
from drafting.importers.contrib import read_contribution
from drafting.letter import Block, Letter, Span
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, get_template, load_template
from tests.reliability.cli import cli
from tests.reliability.helpers import TEMPLATE_ID, letter

SECRET = "SECRET-XINCLUDE-51c2"
INJECTIONS = [
    "__import__('os').system('touch {canary}')",
    "{0.__class__.__mro__} {name} {} %s %(x)s",
    "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
    "`touch {canary}` $(touch {canary}) ; touch {canary}",
    "<script>alert(1)</script> <![CDATA[x]]> &amp; &#0; ]]>",
]


class Forbidden(AssertionError):
    """Raised by anything that tries to reach the network or start a program."""


@pytest.fixture()
def sealed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Forbid network connections, name lookups and program launches; yields the attempts."""
    attempts: list[str] = []

    def refuse(what: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise Forbidden(f"{what} is forbidden in this test")
        return blocked

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name))
    monkeypatch.setattr(subprocess.Popen, "__init__", refuse("subprocess.Popen"))
    for name in ("system", "popen", "execv", "execve", "execvp", "spawnv", "spawnve",
                 "posix_spawn", "posix_spawnp", "startfile"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse(f"os.{name}"))
    # The seal itself works: a connection attempt is refused and recorded.
    with pytest.raises(Forbidden):
        socket.create_connection(("127.0.0.1", 9))
    attempts.clear()
    yield attempts


def test_full_cycle_runs_with_network_and_programs_forbidden(
    sealed: list[str], tmp_path: Path
) -> None:
    previous = tmp_path / "lettre précédente.txt"
    previous.write_text(
        "Lettre datée du 2 décembre 2019 adressée au Président du Conseil de sécurité\n\n"
        "Problèmes de sécurité et progrès des opérations de la Mission\n\n"
        "La situation sécuritaire est restée instable dans le centre du Mali.\n\n"
        "Relève du personnel en tenue\n\n"
        "Trois contingents ont été relevés pendant la période.\n", encoding="utf-8")
    contribution = tmp_path / "contribution.txt"
    contribution.write_text("## Évaluations\n\nLa Force a évalué [12] unités.\n\n"
                            "- première unité\n- deuxième unité\n", encoding="utf-8")
    # Through the modules' APIs ...
    template = get_template(TEMPLATE_ID)
    new = create_letter(template, "fr", symbol="S/2020/481", job_number="20-07899")
    with DraftStore.create(tmp_path / "neuve.missive", new, name="Créée") as store:
        imported = import_letter(previous, template, "fr").letter
        imported.section("performance").blocks = read_contribution(contribution)
        store.save(imported, name="Importée")
        result = run_checks(store.load(), template)
        exported = export_docx(store.load(), template, tmp_path / "api.docx")
    assert result.requirements and exported.path.is_file()
    # ... and as a user runs it.
    draft = tmp_path / "cli.missive"
    for argv in (
        ["new", "-t", TEMPLATE_ID, "-l", "fr", "-o", str(tmp_path / "vide.missive")],
        ["import", str(previous), "-t", TEMPLATE_ID, "-l", "fr", "-o", str(draft)],
        ["fill", str(draft), "--section", "performance", "--from", str(contribution)],
        ["check", str(draft), "--json"],
        ["export", str(draft), "-o", str(tmp_path / "cli.docx")],
        ["template", "list"],
        ["history", str(draft)],
    ):
        code, _out, err = cli(*argv)
        assert code == 0, (argv[0], err)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "cli.docx")).paragraphs)
    assert "instable dans le centre" in text and "La Force a évalué" in text
    assert sealed == []


def hostile_letter(canary: Path) -> Letter:
    """A letter whose every kind of text looks like code to something."""
    hostile = letter()
    texts = [t.format(canary=canary) if "{canary}" in t else t for t in INJECTIONS]
    hostile.section("framework").blocks = [Block(spans=[Span(t)]) for t in texts]
    meta = hostile.metadata
    meta.signatory, meta.closing, meta.addressee = texts[1], texts[2], texts[0]
    hostile.section("exit").heading = texts[1]
    return hostile


def test_drafts_never_run_what_their_text_looks_like(sealed: list[str], tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    hostile = hostile_letter(canary)
    data = hostile.to_dict()
    # Serializer tags of other tools must stay inert data.
    data["py/object"] = "os.system"
    data["__reduce__"] = ["os.system", [f"touch {canary}"]]
    data["sections"][0]["!!python/object/apply:os.system"] = [f"touch {canary}"]
    path = tmp_path / "piégée.missive"
    with DraftStore.create(path, Letter.from_dict(data)) as store:
        loaded = store.load()
    json_path = tmp_path / "piégée.json"
    json_path.write_text(json.dumps(data), encoding="utf-8")
    for argv in (["check", str(path)], ["export", str(path), "-o", str(tmp_path / "p.docx")],
                 ["history", str(path)]):
        code, _out, err = cli(*argv)
        assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "p.docx")).paragraphs)
    skeleton = "".join(c for c in text if c.isalnum())  # typography may change the rest
    for injected in loaded.section("framework").blocks:
        assert "".join(c for c in injected.text if c.isalnum()) in skeleton
    # Shown literally: nothing formatted, templated or evaluated them.
    assert "{0.__class__.__mro__}" in text and "{{7*7}}" in text and "${7*7}" in text
    assert not canary.exists() and sealed == []


def test_templates_never_include_fetch_or_evaluate(sealed: list[str], tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    shipped = (paths.shipped_templates_dir() / f"{TEMPLATE_ID}.xml").read_text(encoding="utf-8")
    first_p = '<boilerplate xml:lang="fr">\n        <p>'
    assert first_p in shipped
    # XInclude, a stylesheet instruction and code-like text in an editable field.
    xinclude = shipped.replace(first_p, first_p.replace(
        "<p>", '<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{(tmp_path / "secret.txt").as_uri()}" parse="text"/>'), 1)
    xinclude = xinclude.replace(
        "?>", '?>\n<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/evil.xsl"?>', 1)
    planted = tmp_path / "xinclude.xml"
    planted.write_text(xinclude, encoding="utf-8")
    try:
        loaded = load_template(planted)
    except TemplateError as exc:
        assert SECRET not in " ".join(exc.problems)
    else:
        assert SECRET not in json.dumps(loaded.to_dict() if hasattr(loaded, "to_dict")
                                        else repr(loaded), ensure_ascii=False)
    code_like = shipped.replace(first_p, first_p + "{0.__class__.__mro__} {{7*7}} "
                                "__import__('os').system('id') ", 1)
    inert = tmp_path / "code-like.xml"
    inert.write_text(code_like.replace(f'id="{TEMPLATE_ID}"', 'id="code-like"', 1),
                     encoding="utf-8")
    template = load_template(inert)
    made = create_letter(template, "fr", symbol="S/2020/481", job_number="20-07899")
    opening = made.section("opening").text
    assert opening.startswith("{0.__class__.__mro__} {{7*7}} __import__('os').system('id')")
    out = export_docx(made, template, tmp_path / "code-like.docx").path
    assert "{0.__class__.__mro__} {{7*7}}" in "\n".join(
        p.text for p in docx.Document(str(out)).paragraphs)
    assert sealed == []


def test_a_draft_cannot_smuggle_executable_links_into_the_docx(tmp_path: Path) -> None:
    smuggler = letter()
    smuggler.section("framework").blocks = [Block(spans=[
        Span("voir "), Span("ce fichier", kind="link", target="file:///bin/sh"),
        Span(" et "), Span("ce script", kind="link", target="javascript:alert(1)"),
        Span(" ou "), Span("S/2020/223", kind="link", target="https://undocs.org/fr/S/2020/223"),
    ])]
    out = export_docx(smuggler, get_template(TEMPLATE_ID), tmp_path / "liens.docx").path
    document = docx.Document(str(out))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "https://undocs.org/fr/S/2020/223" in targets
    assert all(t.startswith(("https://", "http://", "mailto:")) for t in targets), targets
    # The text stays; only the dangerous link is dropped.
    assert "ce fichier" in "\n".join(p.text for p in document.paragraphs)
