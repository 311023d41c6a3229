"""The pieces of the desktop bundle that can be tried without building it.

`make bundle` takes a minute and `.ci/run` smoke-tests its result; here:
which Qt plugins and translations stay, the pruning of libraries nothing
needs, and the enchant set-up of the runtime hook, run for real on a
bundle-shaped folder holding a patched copy of the system's libenchant.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_SCRIPTS = ROOT / "scripts" / "bundle"
sys.path.insert(0, str(BUNDLE_SCRIPTS))

import layout  # noqa: E402
import rthook_missive  # noqa: E402


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
    ("PySide6/Qt/translations/qtbase_fr.qm", True),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_help_fr.qm", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("templates/minusma-six-monthly.xml", True),
])
def test_keep_entry(dest: str, kept: bool) -> None:
    assert layout.keep_entry(dest) is kept


def test_every_interface_language_keeps_its_qt_catalog() -> None:
    from ui.translations import LANGUAGES, qt_catalog_name

    assert {qt_catalog_name(lang) + ".qm" for lang in LANGUAGES if lang != "en"} \
        == layout.QT_TRANSLATIONS


def test_pruning_follows_needed_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    needed = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": [],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libQt6XcbQpa.so.6": ["libxcb-cursor.so.0"],
        "/src/libxcb-cursor.so.0": [],
        "/src/libenchant-2.so.2": ["libglib-2.0.so.0"],
        "/src/libglib-2.0.so.0": [],
        "/src/libQt6Svg.so.6": ["libQt6Gui.so.6"],
    }
    monkeypatch.setattr(layout, "_needed", lambda src: needed.get(src, []))
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libenchant-2.so.2", "/src/libenchant-2.so.2", "BINARY"),
        ("libglib-2.0.so.0", "/src/libglib-2.0.so.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6Svg.so.6", "/src/libQt6Svg.so.6", "BINARY"),
        ("libQt6Svg.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    kept, dropped = layout.prune_unreachable(binaries, ["libenchant-2.so.2"])
    assert dropped == ["PySide6/Qt/lib/libQt6Svg.so.6"]
    names = [dest for dest, _src, _kind in kept]
    assert "libQt6Svg.so.6" not in names  # its symlink went with it
    assert "libQt6Gui.so.6" in names and "libglib-2.0.so.0" in names
    assert len(kept) == len(binaries) - 2


def test_patch_replaces_the_provider_folder_in_place(tmp_path: Path) -> None:
    folder = Path("/usr/lib/x86_64-linux-gnu/enchant-2")
    library = tmp_path / "libenchant-2.so.2"
    library.write_bytes(b"\x7fELF...'%s'\0" + str(folder).encode() + b"\0tail")
    patched = layout.patch_module_dir(library, folder, tmp_path / "out")
    data = patched.read_bytes()
    assert len(data) == library.stat().st_size
    start = data.index(b"/proc/self/fd/")
    assert data[start:].split(b"\0", 1)[0] == rthook_missive.PROVIDER_DIR.encode()
    assert data.endswith(b"\0tail") and str(folder).encode() not in data
    library.write_bytes(b"nothing to patch here")
    with pytest.raises(SystemExit, match="exactly once"):
        layout.patch_module_dir(library, folder, tmp_path / "out")


def test_dictionary_aliases_point_inside_the_bundle() -> None:
    links = layout.dictionary_links()
    assert ("share/hunspell/fr_FR.dic", "fr.dic", "SYMLINK") in links
    present = {f"share/hunspell/{tag}{suffix}" for tag in layout.DICTIONARY_TAGS
               for suffix in (".aff", ".dic")}
    assert layout.drop_dangling_links(links, present) == links


PROBE = r"""
import json, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import rthook_missive
bundle, data = Path(sys.argv[2]), Path(sys.argv[3])
rthook_missive.configure_enchant(bundle, data, os.environ)
import enchant
fr = enchant.Dict("fr_FR")
print(json.dumps({
    "library": os.environ["PYENCHANT_LIBRARY_PATH"],
    "config": os.environ["ENCHANT_CONFIG_DIR"],
    "providers": [p.file for p in enchant.Broker().describe()],
    "provider": fr.provider.file,
    "right": fr.check("situation"),
    "wrong": fr.check("situtaion"),
    "link": os.readlink(data / "enchant" / "hunspell"),
}))
"""


def _bundle_shaped(tmp_path: Path) -> Path:
    """A folder laid out like dist/missive/_internal, with the system's enchant patched."""
    library, provider = layout.system_enchant()
    bundle = tmp_path / "_internal"
    layout.patch_module_dir(library, provider.parent, bundle)
    (bundle / "enchant-2").mkdir()
    (bundle / "enchant-2" / provider.name).write_bytes(provider.read_bytes())
    dictionaries = bundle / "share" / "hunspell"
    dictionaries.mkdir(parents=True)
    for source, _folder in layout.dictionary_files():
        (dictionaries / Path(source).name).symlink_to(source)
    for dest, target, _kind in layout.dictionary_links():
        (bundle / dest).symlink_to(target)
    return bundle


def test_runtime_hook_loads_the_bundles_enchant(tmp_path: Path) -> None:
    bundle = _bundle_shaped(tmp_path)
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENCHANT", "PYENCHANT"))}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(BUNDLE_SCRIPTS), str(bundle),
                           str(data)], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["library"] == str(bundle / "libenchant-2.so.2")
    assert found["config"] == str(data / "enchant")
    assert found["link"] == str(bundle / "share" / "hunspell")
    # only the bundle's provider, through the descriptor the patched library reads
    assert found["providers"] == [f"{rthook_missive.PROVIDER_DIR}/enchant_hunspell.so"]
    assert found["provider"] == found["providers"][0]
    assert found["right"] is True and found["wrong"] is False


def test_dictionary_link_follows_a_moved_bundle_and_falls_back(tmp_path: Path) -> None:
    config = tmp_path / "data" / "enchant"
    first, second = tmp_path / "a", tmp_path / "b"
    assert rthook_missive.link_dictionaries(first, config)
    assert os.readlink(config / "hunspell") == str(first / "share" / "hunspell")
    assert rthook_missive.link_dictionaries(second, config)  # the bundle moved
    assert os.readlink(config / "hunspell") == str(second / "share" / "hunspell")
    assert [p.name for p in config.iterdir()] == ["hunspell"]  # no temporary link left
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    environ: dict[str, str] = {}
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "libenchant-2.so.2").write_bytes(b"")
    rthook_missive.configure_enchant(bundle, blocked, environ)
    assert environ["ENCHANT_CONFIG_DIR"] == str(bundle / "share")
    assert environ["PYENCHANT_LIBRARY_PATH"] == str(bundle / "libenchant-2.so.2")


def test_windows_keeps_its_own_plugins() -> None:
    assert layout.keep_entry("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", "win32")
    assert layout.keep_entry("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", "win32")
    assert not layout.keep_entry("PySide6/Qt/plugins/sqldrivers/qsqlite.dll", "win32")
    assert not layout.keep_entry("PySide6\\Qt\\translations\\qtbase_de.qm", "win32")
    assert layout.keep_entry("PySide6/Qt/translations/qtbase_ar.qm", "darwin")


def test_licenses_find_the_debian_package_of_a_bundled_library() -> None:
    import licenses

    library, provider = layout.system_enchant()
    dictionary = layout.dictionary_files()[-1][0]  # fr.dic
    packages = licenses.debian_packages([str(library), str(provider), dictionary])
    assert "libenchant-2-2" in packages
    assert any(p.startswith("hunspell-fr") for p in packages)
