"""What goes into the desktop bundle, and what is left out (used by missive.spec).

Plain functions on PyInstaller's TOC tuples `(dest_name, src_name, typecode)`,
so they can be tested without building anything (tests/test_bundle_layout.py).
"""

from __future__ import annotations

import ctypes.util
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rthook_missive import DICTIONARIES, LIBENCHANT, PROVIDER_DIR, PROVIDERS  # noqa: E402

Entry = tuple[str, str, str]

# Linux: the Qt plugins Missive loads, by plugin folder; every other folder is
# dropped (QML tooling, SQL drivers, TLS, network information, print support,
# EGLFS, the virtual keyboard, SVG and PDF image formats…). `None` keeps a
# whole folder.
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # xcb for X11 and XWayland, wayland for Wayland sessions, offscreen for
    # `missive screenshot` and CI, minimal as Qt's last resort.
    "platforms": frozenset({"libqxcb.so", "libqwayland.so", "libqoffscreen.so",
                            "libqminimal.so"}),
    "xcbglintegrations": None,
    "wayland-shell-integration": frozenset({"libxdg-shell.so"}),
    "wayland-decoration-client": frozenset({"libbradient.so"}),
    "wayland-graphics-integration-client": frozenset({"libshm-emulation-server.so",
                                                     "libqt-plugin-wayland-egl.so"}),
    # Typing accents (compose) and input methods (IBus: Chinese, Arabic).
    "platforminputcontexts": frozenset({"libcomposeplatforminputcontextplugin.so",
                                        "libibusplatforminputcontextplugin.so"}),
    # The portal gives native file dialogs without bundling GTK; the gtk3
    # theme would pull in the build machine's whole GTK stack.
    "platformthemes": frozenset({"libqxdgdesktopportal.so"}),
    "imageformats": frozenset({"libqgif.so", "libqico.so", "libqjpeg.so"}),
}

# Windows and macOS (recipes, not built here): PyInstaller's choice of plugins,
# less the folders Missive never uses on any system.
UNUSED_PLUGIN_FOLDERS = frozenset({
    "qmltooling", "qmllint", "sqldrivers", "tls", "networkinformation", "printsupport",
    "designer", "egldeviceintegrations", "generic", "vectorimageformats", "position",
    "multimedia", "sceneparsers", "geometryloaders", "renderers", "renderplugins",
})

# Qt's own translations (buttons of standard dialogs), loaded by ui.translations.
QT_TRANSLATIONS = frozenset({"qtbase_fr.qm", "qtbase_es.qm", "qtbase_ru.qm", "qtbase_ar.qm",
                             "qtbase_zh_CN.qm"})

# Python modules that hooks or optional imports would drag in and Missive never uses.
EXCLUDED_MODULES = [
    "tkinter", "unittest", "pydoc", "doctest", "lib2to3", "setuptools", "pkg_resources",
    "pytest", "hypothesis", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtQuickWidgets", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg",
    "PySide6.QtPrintSupport", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDBus",
    "PySide6.QtMultimedia", "PySide6.QtWebEngineCore", "PySide6.QtPdf", "PySide6.QtUiTools",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtXml", "PySide6.QtConcurrent",
    "enchant.checker", "enchant.tokenize", "lxml.isoschematron", "lxml.cssselect",
]

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
# Dictionary files shipped, and links so a tag with a region finds the same file.
DICTIONARY_TAGS = ("en_GB", "en_US", "fr")
DICTIONARY_ALIASES = {"fr_FR": "fr"}

_PLUGIN_RE = re.compile(r"^PySide6/Qt/plugins/(?P<kind>[^/]+)/(?P<name>[^/]+)$")
_TRANSLATION_RE = re.compile(r"^PySide6/Qt/translations/(?P<name>[^/]+\.qm)$")


def keep_entry(dest: str, platform: str = sys.platform) -> bool:
    """False for a Qt plugin or Qt translation Missive does not load."""
    dest = dest.replace("\\", "/")
    plugin = _PLUGIN_RE.match(dest)
    if plugin:
        kind, name = plugin["kind"], plugin["name"]
        if not platform.startswith("linux"):
            return kind not in UNUSED_PLUGIN_FOLDERS
        if kind not in QT_PLUGINS:
            return False
        wanted = QT_PLUGINS[kind]
        return wanted is None or name in wanted
    translation = _TRANSLATION_RE.match(dest)
    if translation:
        return translation["name"] in QT_TRANSLATIONS
    return not dest.startswith(("PySide6/Qt/qml/", "PySide6/Qt/libexec/",
                                "PySide6/Qt/metatypes/"))


def filter_toc(entries: Iterable[Entry], platform: str = sys.platform) -> list[Entry]:
    return [e for e in entries if keep_entry(e[0], platform)]


def _needed(path: str) -> list[str]:
    """The DT_NEEDED sonames of an ELF file (empty for anything else)."""
    from PyInstaller.depend.bindepend import get_imports

    try:
        return [name for name, _resolved in get_imports(path)]
    except Exception:  # not an ELF file
        return []


def prune_unreachable(binaries: list[Entry], roots: Iterable[str]) -> tuple[list[Entry], list[str]]:
    """Drop shared libraries no kept binary needs any more.

    PyInstaller collects the dependencies of every plugin before the spec
    filters the plugins, so dropping a plugin leaves its libraries behind
    (libQt6Svg for the SVG plugins, libQt6Network for the network ones…). A
    library is kept when it is reachable through DT_NEEDED from a root: the
    Python extension modules, the kept Qt plugins, and what Missive loads
    itself (libpython, libenchant and its provider, named in `roots`).
    Symlinks PyInstaller adds beside the libraries follow their targets.
    Returns (kept entries, dropped destination names).
    """
    files = [e for e in binaries if e[2] != "SYMLINK"]
    by_name = {PurePosixPath(dest).name: (dest, src, kind) for dest, src, kind in files}
    root_set = set(roots)
    queue = [e for e in files
             if e[2] == "EXTENSION" or e[0].startswith(("PySide6/Qt/plugins/", f"{PROVIDERS}/"))
             or PurePosixPath(e[0]).name in root_set]
    seen = {e[0] for e in queue}
    while queue:
        _dest, src, _kind = queue.pop()
        for soname in _needed(src):
            entry = by_name.get(soname)
            if entry is not None and entry[0] not in seen:
                seen.add(entry[0])
                queue.append(entry)
    kept = drop_dangling_links([e for e in binaries if e[2] == "SYMLINK" or e[0] in seen],
                               seen)
    dropped = sorted(e[0] for e in files if e[0] not in seen)
    return kept, dropped


def drop_dangling_links(entries: list[Entry], present: set[str]) -> list[Entry]:
    """`entries` without the symlinks whose target is not in `present` (destination names)."""
    def target(dest: str, link: str) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(dest), link)).replace(os.sep, "/")

    return [e for e in entries if e[2] != "SYMLINK" or target(e[0], e[1]) in present]


# -- enchant -------------------------------------------------------------------------
def system_enchant() -> tuple[Path, Path]:
    """(libenchant-2 of the build machine, its hunspell provider); SystemExit if absent."""
    soname = ctypes.util.find_library("enchant-2")
    if not soname:
        raise SystemExit("bundle: libenchant-2 not found (Debian: libenchant-2-2)")
    for libdir in _library_dirs():
        library = libdir / soname
        provider = libdir / "enchant-2" / "enchant_hunspell.so"
        if library.is_file() and provider.is_file():
            return library.resolve(), provider.resolve()
    raise SystemExit(f"bundle: {soname} or its hunspell provider not found "
                     "(Debian: libenchant-2-2)")


def _library_dirs() -> list[Path]:
    """Where Debian and other distributions keep shared libraries (multiarch first)."""
    return [*sorted(Path("/usr/lib").glob("*-linux-gnu*")), Path("/usr/lib64"), Path("/usr/lib")]


def patch_module_dir(library: Path, provider_dir: Path, out: Path) -> Path:
    """A copy of libenchant that loads its providers from PROVIDER_DIR.

    The compiled-in provider folder is a NUL-terminated string in .rodata;
    it is replaced in place by PROVIDER_DIR, padded with NULs to the same
    length, so no offset in the library moves. Refuses (SystemExit) unless
    the string occurs exactly once and PROVIDER_DIR is no longer.
    """
    data = library.read_bytes()
    old = str(provider_dir).encode() + b"\0"
    new = PROVIDER_DIR.encode()
    if data.count(old) != 1:
        raise SystemExit(f"bundle: {library.name} does not name {provider_dir} exactly once; "
                         "cannot redirect its providers")
    if len(new) >= len(old):
        raise SystemExit(f"bundle: {PROVIDER_DIR} is longer than {provider_dir}")
    out.mkdir(parents=True, exist_ok=True)
    target = out / LIBENCHANT
    target.write_bytes(data.replace(old, new.ljust(len(old), b"\0")))
    os.chmod(target, 0o755)
    return target


def dictionary_files() -> list[tuple[str, str]]:
    """(source file, bundle folder) for the shipped hunspell dictionaries."""
    found: list[tuple[str, str]] = []
    for tag in DICTIONARY_TAGS:
        for suffix in (".aff", ".dic"):
            path = next((d / f"{tag}{suffix}" for d in HUNSPELL_DIRS
                         if (d / f"{tag}{suffix}").is_file()), None)
            if path is None:
                raise SystemExit(f"bundle: no {tag}{suffix} in "
                                 f"{', '.join(map(str, HUNSPELL_DIRS))} "
                                 "(Debian: hunspell-en-gb, hunspell-en-us, hunspell-fr)")
            found.append((str(path.resolve()), DICTIONARIES))
    return found


def dictionary_links() -> list[Entry]:
    """TOC entries for the region aliases (fr_FR → fr), as relative symlinks."""
    return [(f"{DICTIONARIES}/{alias}{suffix}", f"{tag}{suffix}", "SYMLINK")
            for alias, tag in DICTIONARY_ALIASES.items() for suffix in (".aff", ".dic")]
