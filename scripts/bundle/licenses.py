"""The bundle's licenses/ folder: Missive's license and every bundled component's.

Missive is MIT; what the bundle carries beside it keeps its own license. The
LGPL parts (Qt and PySide6, enchant and pyenchant, glib, hunspell) stay
separate shared libraries in `_internal/`, so a user can swap them for their
own builds; their license texts and a note on where their sources live are
written here. On Debian the copyright file of every system package a bundled
library or dictionary comes from is copied too (found with dpkg-query).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path, PurePosixPath

# Python distributions bundled, by their metadata name.
DISTRIBUTIONS = ("PySide6_Essentials", "shiboken6", "python-docx", "lxml", "babel",
                 "platformdirs", "pyenchant", "typing_extensions", "pyinstaller")
# Full texts the notices refer to; Debian keeps them in common-licenses.
COMMON_TEXTS = ("LGPL-3", "GPL-3", "LGPL-2.1", "MPL-2.0")
COMMON_DIRS = (Path("/usr/share/common-licenses"),)

README = """\
Missive {version} - licenses
{rule}

Missive itself is under the MIT license: Missive-LICENSE.txt.

The bundle also carries other people's work, each under its own license.
Files in this folder:

- Qt {qt} and PySide6/shiboken6 {qt} (The Qt Company): GNU LGPL version 3
  (LGPL-3.txt, which adds permissions to GPL-3.txt). Sources:
  https://download.qt.io/official_releases/qt/ and
  https://download.qt.io/official_releases/QtForPython/
- Python {python} (Python Software Foundation License): Python-LICENSE.txt.
- Python packages, their own license files: python/<package>/.
- enchant and pyenchant: GNU LGPL 2.1 or later (LGPL-2.1.txt,
  python/pyenchant/); hunspell: LGPL/MPL/GPL tri-license; the English and
  French dictionaries: see their Debian copyright files (the French
  dictionary is under MPL-2.0, MPL-2.0.txt).
- System libraries copied from the build machine (Debian): the copyright
  file of each Debian package they come from, debian/<package>.copyright.
  Their sources: `apt-get source <package>` on Debian, or
  https://sources.debian.org/src/<package>/

How the LGPL is honoured: every LGPL library is a separate shared library in
the _internal folder beside the missive program (libQt6*.so*, libpyside6*,
libshiboken6*, libenchant-2.so.2, enchant-2/enchant_hunspell.so,
libhunspell*, libglib*). Replace any of them with a compatible build of your
own and Missive uses yours; nothing is linked statically. One exception to
"unchanged": libenchant-2.so.2 is the Debian build with one string changed,
the folder it loads its providers from (see scripts/bundle/layout.py in
Missive's sources); a replacement built with --enable-relocatable needs no
such change.
"""


def write_licenses(dist: Path, root: Path, sources: Iterable[str], qt_version: str) -> Path:
    """Fill `dist/licenses` and return it; `sources` are the bundled files' origins."""
    out = dist / "licenses"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copyfile(root / "LICENSE", out / "Missive-LICENSE.txt")
    python_license = _python_license()
    if python_license is not None:
        shutil.copyfile(python_license, out / "Python-LICENSE.txt")
    for name in DISTRIBUTIONS:
        _copy_distribution_licenses(name, out / "python")
    for text in COMMON_TEXTS:
        found = _common_text(text)
        if found is None:
            if sys.platform.startswith("linux"):
                raise SystemExit(f"bundle: no {text} license text in {COMMON_DIRS} "
                                 "or $MISSIVE_LICENSE_TEXTS")
            print(f"bundle: warning: no {text} license text; set MISSIVE_LICENSE_TEXTS")
            continue
        shutil.copyfile(found, out / f"{text}.txt")
    packages = debian_packages(sources)
    if packages:
        (out / "debian").mkdir()
        for package in sorted(packages):
            copyright_file = Path("/usr/share/doc") / package / "copyright"
            if copyright_file.is_file():
                shutil.copyfile(copyright_file, out / "debian" / f"{package}.copyright")
    version = _missive_version(root)
    title = f"Missive {version} - licenses"
    (out / "README.txt").write_text(README.format(
        version=version, rule="=" * len(title), qt=qt_version,
        python=sysconfig.get_python_version()), encoding="utf-8")
    return out


def debian_packages(sources: Iterable[str]) -> set[str]:
    """The Debian packages that own these files (matched by file name)."""
    if shutil.which("dpkg-query") is None:
        return set()
    names = {PurePosixPath(s).name for s in sources
             if s.startswith(("/usr/", "/lib", "/etc/"))}
    if not names:
        return set()
    proc = subprocess.run(["dpkg-query", "-S", *sorted(names)], capture_output=True,
                          text=True)
    packages: set[str] = set()
    for line in proc.stdout.splitlines():
        owners, _sep, path = line.partition(": ")
        if PurePosixPath(path.strip()).name in names:
            packages.update(o.strip().split(":")[0] for o in owners.split(","))
    return packages


def _python_license() -> Path | None:
    base = Path(sys.base_prefix)
    for candidate in (base / "lib" / f"python{sysconfig.get_python_version()}" / "LICENSE.txt",
                      base / "LICENSE.txt", Path("/usr/share/doc/python3.11/copyright")):
        if candidate.is_file():
            return candidate
    return None


def _copy_distribution_licenses(name: str, out: Path) -> None:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return
    for file in dist.files or []:
        upper = file.name.upper()
        if "/licenses/" in f"/{file.as_posix()}" or upper.startswith(("LICENSE", "COPYING")):
            source = Path(str(file.locate()))
            if source.is_file():
                target = out / dist.metadata["Name"] / file.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def _common_text(name: str) -> Path | None:
    extra = os.environ.get("MISSIVE_LICENSE_TEXTS")
    for folder in (*COMMON_DIRS, *([Path(extra)] if extra else [])):
        for candidate in (folder / name, folder / f"{name}.txt"):
            if candidate.is_file():
                return candidate
    return None


def _missive_version(root: Path) -> str:
    init = (root / "drafting" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', init, re.MULTILINE)
    return found.group(1) if found else "?"
