"""What the reliability tests share: a small real letter, file fingerprints."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from drafting.letter import Block, Letter
from drafting.templates.catalog import create_letter, get_template

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "bad"
TEMPLATE_ID = "minusma-six-monthly"


def letter(lang: str = "fr", marker: str = "") -> Letter:
    """A letter from the default template with a little text in two sections."""
    result = create_letter(
        get_template(TEMPLATE_ID), lang, symbol="S/2020/481", date=date(2020, 6, 2),
        job_number="20-07899",
    )
    result.section("security").blocks = [
        Block.from_text("La Mission a mené 1 200 patrouilles dans le centre du pays." + marker),
        Block.from_text("Les attaques contre les camps de la Mission ont diminué."),
    ]
    result.section("rotation").blocks = [Block.from_text("Trois contingents ont été relevés.")]
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with its digest."""
    return {
        str(p.relative_to(folder)): digest(p)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def python(code: str, *args: str, **kw: object) -> subprocess.Popen[str]:
    """A Python child process running `code` with the project importable."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True, **kw
    )


def xml_parsers() -> dict[str, object]:
    """Every lxml parser Missive builds, found by walking `drafting` (any
    argument-free function named `*parser` returning one), plus python-docx's.

    Walking rather than naming them keeps the check honest when modules move.
    """
    import importlib
    import inspect
    import pkgutil

    import docx.oxml.parser
    from lxml import etree

    import drafting

    found: dict[str, object] = {"docx.oxml.parser.oxml_parser": docx.oxml.parser.oxml_parser}
    for info in pkgutil.walk_packages(drafting.__path__, "drafting."):
        module = importlib.import_module(info.name)
        for name, func in vars(module).items():
            if not (inspect.isfunction(func) and name.endswith("parser")
                    and func.__module__ == module.__name__):
                continue
            if any(p.default is p.empty for p in inspect.signature(func).parameters.values()):
                continue
            parser = func()
            if isinstance(parser, etree.XMLParser):
                found[f"{info.name}.{name}"] = parser
    return found
