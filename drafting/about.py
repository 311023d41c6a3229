"""What `missive --version` prints and Help › About Missive shows.

Qt-free, like the rest of `drafting`: the PySide6 version comes from the
installed package's metadata, and a caller that has Qt loaded passes the
version of the Qt library actually running (`qt_version`). Without it the Qt
version shown is PySide6's own, which is the Qt its wheels carry.
"""

from __future__ import annotations

import platform
from importlib import metadata

from drafting import __version__
from drafting.i18n import _

LICENSE = "MIT"
COPYRIGHT_YEAR = 2026
# PySide6 is published whole or split; the essentials are what Missive needs.
_PYSIDE_DISTRIBUTIONS = ("PySide6-Essentials", "PySide6")


def pyside_version() -> str:
    """The installed PySide6's version, or "?" when its metadata cannot be found."""
    for name in _PYSIDE_DISTRIBUTIONS:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "?"


def version_lines(qt_version: str | None = None) -> list[str]:
    """Missive, Qt (PySide6) and Python versions, then copyright and license.

    One fact per line, in the interface language; the first line is always
    "Missive <version>".
    """
    pyside = pyside_version()
    return [
        f"Missive {__version__}",
        f"Qt {qt_version or pyside} (PySide6 {pyside})",
        f"Python {platform.python_version()}",
        _("Copyright © {year} The Missive authors").format(year=COPYRIGHT_YEAR),
        _("License: {license}").format(license=LICENSE),
    ]


def license_note() -> str:
    """A short paragraph on what the license covers, for the About dialog."""
    return _(
        "Missive is free software under the MIT license. It uses Qt and PySide6, enchant "
        "and pyenchant under the GNU LGPL, and spelling dictionaries under their authors' "
        "licenses; each keeps its own license, and the desktop bundle carries their texts "
        "in its licenses folder."
    )
