"""Imports flow one way: main.py → ui → drafting (CONVENTIONS rule 1), and inside
`drafting/` the domain keeps its own directions (issue 16)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

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


# -- the domain's own rules of direction (issue 16) ---------------------------------
# Export never imports the store or the importers (writers take letters); the
# store never imports export; checks never import the importers; the letter
# model and the edits import none of store, export or import. Imports are read
# at any depth of the code, so a lazy import breaks a rule as surely as a
# top-level one.

STORE = "drafting.storage"
EXPORT = "drafting.export"
IMPORT = "drafting.importers"

# (package or module whose sources are read, packages they must never import)
RULES = [
    ("drafting.export", {STORE, IMPORT}),
    ("drafting.storage.store", {EXPORT}),
    ("drafting.storage.draftfile", {EXPORT, IMPORT}),
    ("drafting.storage.backups", {EXPORT, IMPORT}),
    ("drafting.storage.lockfile", {EXPORT, IMPORT}),
    ("drafting.storage.recovery", {EXPORT}),
    ("drafting.storage.merging", {EXPORT, IMPORT}),
    ("drafting.checks", {IMPORT, STORE, EXPORT}),
    ("drafting.letter", {STORE, EXPORT, IMPORT}),
    ("drafting.annotations", {STORE, EXPORT, IMPORT}),
    ("drafting.edits", {STORE, EXPORT, IMPORT}),
    # versions and license for --version and the About dialog: a leaf
    ("drafting.about", {STORE, EXPORT, IMPORT}),
    ("drafting.conflicts", {STORE, EXPORT, IMPORT}),
    # The merge is pure: the storage side of a merge is drafting.storage.merging.
    ("drafting.merging", {STORE, EXPORT, IMPORT}),
    # The review domain takes letters and a copy already read (issue 19).
    ("drafting.review", {STORE, EXPORT, IMPORT}),
]


def sources(dotted: str) -> list[Path]:
    path = ROOT / dotted.replace(".", "/")
    if path.is_dir():
        return sorted(path.rglob("*.py"))
    return [path.with_suffix(".py")]


def imported(path: Path) -> set[str]:
    """Every absolute module name `path` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def breaks(name: str, forbidden: set[str]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize(("package", "forbidden"), RULES, ids=[r[0] for r in RULES])
def test_imports_follow_the_domain_rules(package: str, forbidden: set[str]) -> None:
    files = sources(package)
    assert files and all(f.is_file() for f in files), package
    offenders = [
        f"{f.relative_to(ROOT)} imports {name}"
        for f in files
        for name in sorted(imported(f))
        if breaks(name, forbidden)
    ]
    assert offenders == []


def test_the_rule_reader_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from drafting.storage.store import DraftStore\n")
    assert breaks("drafting.storage.store", {STORE})
    assert "drafting.storage.store" in imported(module)


def test_every_domain_module_is_under_a_rule_or_shared() -> None:
    """New folders must pick a side: a module outside the rules is a shared helper."""
    shared = {"drafting/__init__.py", "drafting/i18n.py", "drafting/paths.py",
              "drafting/errors.py", "drafting/findings.py", "drafting/letter_strings.py",
              "drafting/locale_format.py", "drafting/references.py", "drafting/typography.py",
              "drafting/compare.py", "drafting/atomic.py", "drafting/periods.py"}
    covered = {f.relative_to(ROOT).as_posix() for package, _ in RULES for f in sources(package)}
    orchestrators = ("drafting/cli/", "drafting/storage/", "drafting/templates/",
                     "drafting/importers/")
    loose = [
        rel for f in sorted((ROOT / "drafting").rglob("*.py"))
        if (rel := f.relative_to(ROOT).as_posix()) not in covered | shared
        and not rel.startswith(orchestrators)
    ]
    assert loose == []


def test_no_module_is_over_500_lines() -> None:
    """Issue 16: a module that grows past 500 lines is split by what it does."""
    long = [f"{f.relative_to(ROOT).as_posix()}: {n}"
            for folder in ("drafting", "ui", "bench", "scripts", "tests")
            for f in sorted((ROOT / folder).rglob("*.py"))
            if (n := len(f.read_text(encoding="utf-8").splitlines())) > 500]
    assert long == []
