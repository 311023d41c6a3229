"""`pip install .` works on its own: the wheel carries every module, the
templates, the compiled catalogs and a `missive` command that opens its window.

The wheel goes into a fresh virtual environment, run from a folder outside the
checkout. Its dependencies (PySide6, lxml…) come from this test run's own
environment through PYTHONPATH, which adds no `.pth` hooks, so the editable
install of the checkout stays out of reach: every module must come from the
wheel, and the test asserts it does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _source_modules() -> set[str]:
    """Every importable module of drafting/ and ui/ in the checkout."""
    names: set[str] = set()
    for top in ("drafting", "ui"):
        for path in (ROOT / top).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.add(".".join(parts))
    return names


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """(fresh venv, environment, a working folder outside the checkout)."""
    tmp = tmp_path_factory.mktemp("packaging")
    # Build from a clean copy: a stale build/ folder in the checkout would
    # hand the wheel modules that the package list leaves out.
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.mo"))
    dist = tmp / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(dist), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = list(dist.glob("missive-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    for lang in ("fr", "es", "ru", "ar", "zh"):
        assert f"missive_locale/{lang}/LC_MESSAGES/missive.mo" in names
    for data in ("minusma-six-monthly.xml", "schema/template.rng",
                 "samples/minusma-six-monthly.en.json"):
        assert f"missive_templates/{data}" in names
    for module in _source_modules():
        path = module.replace(".", "/")
        assert f"{path}.py" in names or f"{path}/__init__.py" in names, module

    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
         "--no-index", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(PYTHONPATH=sysconfig.get_paths()["purelib"], QT_QPA_PLATFORM="offscreen",
               LANG="fr_FR.UTF-8", LC_ALL="", LC_MESSAGES="", HOME=str(tmp / "home"))
    elsewhere = tmp / "work"
    elsewhere.mkdir()
    return venv, env, elsewhere


def test_every_module_imports_from_the_installed_wheel(
        installed: tuple[Path, dict[str, str], Path]) -> None:
    venv, env, elsewhere = installed
    expected = sorted(_source_modules())
    code = (
        "import importlib, sys\n"
        "site = sys.argv[1]\n"
        "bad = []\n"
        "for name in sys.argv[2:]:\n"
        "    module = importlib.import_module(name)\n"
        "    if not module.__file__.startswith(site):\n"
        "        bad.append(f'{name} from {module.__file__}')\n"
        "print('\\n'.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    site = str(venv / "lib")
    proc = subprocess.run([str(venv / "bin" / "python"), "-c", code, site, *expected],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert len(expected) > 60


def test_installed_command_lists_templates_and_speaks_french(
        installed: tuple[Path, dict[str, str], Path]) -> None:
    venv, env, elsewhere = installed
    missive = str(venv / "bin" / "missive")
    listed = subprocess.run([missive, "template", "list"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "minusma-six-monthly" in listed.stdout and "minusma-quarterly-report" in listed.stdout
    # the compiled French catalog is found in the installed layout
    missing = subprocess.run([missive, "check", "nowhere.missive"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "missive: nowhere.missive n’existe pas."


def test_installed_command_renders_its_window(
        installed: tuple[Path, dict[str, str], Path]) -> None:
    venv, env, elsewhere = installed
    missive = str(venv / "bin" / "missive")
    made = subprocess.run([missive, "new", "-t", "minusma-six-monthly", "-l", "en",
                           "-o", "letter.missive"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    shot = subprocess.run([missive, "screenshot", "letter.missive", "-o", "window.png"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=180)
    assert shot.returncode == 0, shot.stderr[-3000:]
    png = (elsewhere / "window.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert width >= 800 and height >= 500
