"""The data folders are found in the desktop bundle's frozen layout.

PyInstaller's one-folder bundle puts the modules and the data side by side
in `sys._MEIPASS` (`dist/missive/_internal`). Building the bundle is too slow
for `make test` (`.ci/run` builds and smoke-tests it); here a copy of the
package in that layout is imported with `sys.frozen` set, as the bundle's
bootloader does, from a process that can also see the checkout: every path
must point into the copy, never back at the clone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys
meipass = sys.argv[1]
sys.frozen = True
sys._MEIPASS = meipass
sys.path.insert(0, meipass)
from drafting import i18n, paths
from drafting.templates.catalog import get_template
i18n.set_language("fr")
template = get_template("minusma-six-monthly")
print(json.dumps({
    "paths_module": paths.__file__,
    "templates": str(paths.shipped_templates_dir()),
    "schema": str(paths.schema_path()),
    "samples": str(paths.samples_dir()),
    "locale": str(i18n.locale_dir()),
    "template_id": template.id,
    "help_fr": i18n._("&Help"),
}))
"""


def test_frozen_layout_finds_templates_samples_and_catalogs(tmp_path: Path) -> None:
    meipass = tmp_path / "missive" / "_internal"
    ignore = shutil.ignore_patterns("__pycache__", "*.po", "*.pot")
    shutil.copytree(ROOT / "drafting", meipass / "drafting", ignore=ignore)
    shutil.copytree(ROOT / "templates", meipass / "templates", ignore=ignore)
    shutil.copytree(ROOT / "locale", meipass / "locale", ignore=ignore)
    assert list((meipass / "locale").glob("*/LC_MESSAGES/missive.mo")), "catalogs not compiled"
    proc = subprocess.run([sys.executable, "-c", PROBE, str(meipass)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    inside = str(meipass.resolve())
    for key in ("paths_module", "templates", "schema", "samples", "locale"):
        assert found[key].startswith(inside), (key, found[key])
    assert Path(found["schema"]).is_file()
    assert (Path(found["samples"]) / "minusma-six-monthly.en.json").is_file()
    assert found["template_id"] == "minusma-six-monthly"
    assert found["help_fr"] == "&Aide"
