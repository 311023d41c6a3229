"""`pip install .` works on its own: the wheel carries the templates, the
compiled catalogs and a working `missive` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_a_working_missive(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = list(dist.glob("missive-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    for lang in ("fr", "es", "ru", "ar", "zh"):
        assert f"missive_locale/{lang}/LC_MESSAGES/missive.mo" in names
    assert "missive_templates/minusma-six-monthly.xml" in names
    assert "missive_templates/schema/template.rng" in names
    assert "missive_templates/samples/minusma-six-monthly.en.json" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "missive = main:main" in (tmp_path / "site" / entry).read_text()

    # Run the installed layout from elsewhere, with the checkout out of reach.
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(tmp_path / "site"), LANG="fr_FR.UTF-8", LC_ALL="", LC_MESSAGES="")
    code = (
        f"import sys; sys.path = [p for p in sys.path if p not in ('', {str(ROOT)!r})]; "
        "import main; sys.exit(main.main(sys.argv[1:]))"
    )
    listed = subprocess.run([sys.executable, "-c", code, "template", "list"], cwd=elsewhere,
                            env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "minusma-six-monthly" in listed.stdout and "minusma-quarterly-report" in listed.stdout
    where = subprocess.run(
        [sys.executable, "-c", code.replace("sys.exit(main.main(sys.argv[1:]))",
                                            "import drafting.paths as p; print(p.shipped_templates_dir())")],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert str(tmp_path / "site") in where.stdout, where.stdout + where.stderr
    # the compiled French catalog is found in the installed layout
    missing = subprocess.run([sys.executable, "-c", code, "check", "nowhere.missive"],
                             cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "missive: nowhere.missive n’existe pas."
