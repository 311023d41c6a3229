"""Imports flow one way: main.py → ui → drafting (CONVENTIONS rule 1)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_drafting_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, drafting\n"
        "for m in pkgutil.walk_packages(drafting.__path__, 'drafting.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))\n"
        "print(len(list(pkgutil.walk_packages(drafting.__path__, 'drafting.'))))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the walk really imported the package's modules
    assert int(proc.stdout.strip().splitlines()[-1]) >= 5


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_drafting_sources_never_import_ui_or_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "drafting").rglob("*.py")
        if _imports(p) & {"PySide6", "shiboken6", "ui", "main"}
    ]
    assert offenders == []


def test_ui_never_imports_main() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py") if "main" in _imports(p)
    ]
    assert offenders == []


_RISKY = re.compile(r"\betree\.(parse|fromstring|XML|iterparse)\(|\bobjectify\.")
_NEVER = re.compile(r"(?<![.\w])(eval|exec|compile)\(|\bpickle\.loads?\(|\bmarshal\.loads?\(")


def test_xml_parsers_are_built_safely() -> None:
    """Every lxml parser disables entity resolution and network access."""
    unsafe: list[str] = []
    for p in [*(ROOT / "drafting").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        src = p.read_text(encoding="utf-8")
        for lineno, line in enumerate(src.splitlines(), 1):
            if "XMLParser(" in line and "def " not in line:
                window = "\n".join(src.splitlines()[lineno - 1 : lineno + 6])
                if "resolve_entities=False" not in window or "no_network=True" not in window:
                    unsafe.append(f"{p.relative_to(ROOT)}:{lineno}")
            # parse calls must pass a parser (positionally or by keyword)
            m = _RISKY.search(line)
            if m and "parser" not in line and "," not in line[m.end():]:
                unsafe.append(f"{p.relative_to(ROOT)}:{lineno}: {m.group(0)}")
            if _NEVER.search(line) and not line.lstrip().startswith("#"):
                unsafe.append(f"{p.relative_to(ROOT)}:{lineno}: {line.strip()}")
    assert unsafe == []
