"""Runtime hook of the desktop bundle: spelling uses the bundle's own enchant.

PyInstaller runs this inside the frozen application before `main.py`. It does
nothing elsewhere (no `sys.frozen`), so the build and the tests can import it.

What enchant 2.3 does on its own (read from its source, `src/lib.c` and
`providers/enchant_hunspell.cpp`, and checked with strace):
- pyenchant finds libenchant with `ctypes.util.find_library`, which runs
  `/sbin/ldconfig -p` and returns the system's copy. `PYENCHANT_LIBRARY_PATH`
  names a file instead: the bundle's copy.
- libenchant loads its providers from a folder compiled in
  (`/usr/lib/<multiarch>/enchant-2`; Debian's build is not relocatable, so
  `enchant_set_prefix_dir` does nothing). The bundle's copy of libenchant is
  patched at build time (`layout.patch_module_dir`) to read
  `/proc/self/fd/<PROVIDER_FD>` there instead, and this hook opens the
  bundle's `enchant-2` folder on that descriptor: the providers loaded are the
  bundle's, wherever the bundle was unpacked, and never the system's.
- The hunspell provider looks for `<tag>.dic` first in
  `$ENCHANT_CONFIG_DIR/hunspell`, then in the XDG data folders and
  `/usr/share/hunspell`; the first match wins. enchant also keeps a personal
  word list `<tag>.dic`/`<tag>.exc` per language in `$ENCHANT_CONFIG_DIR`
  and creates those files when it can. So `ENCHANT_CONFIG_DIR` is a folder of
  Missive's user data (`<data>/enchant`, never the bundle's own folder, which
  may be read-only or shared) whose `hunspell` entry links to the bundle's
  dictionaries. The bundle's en_GB, en_US and fr (and fr_FR) therefore come
  before any system copy; a language the bundle lacks (es, ru, ar) can still
  find a dictionary the system has installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

# The descriptor the patched libenchant reads its providers from; must match
# the path written by layout.patch_module_dir (it is baked into the library).
PROVIDER_FD = 213
PROVIDER_DIR = f"/proc/self/fd/{PROVIDER_FD}"
LIBENCHANT = "libenchant-2.so.2"
PROVIDERS = "enchant-2"
DICTIONARIES = "share/hunspell"


def open_provider_dir(bundle: Path) -> bool:
    """Put the bundle's provider folder on PROVIDER_FD (not inherited by children)."""
    try:
        fd = os.open(bundle / PROVIDERS, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if fd != PROVIDER_FD:
            os.dup2(fd, PROVIDER_FD, inheritable=False)
    except OSError:  # a descriptor limit below PROVIDER_FD: spelling says it is off
        return False
    finally:
        if fd != PROVIDER_FD:
            os.close(fd)
    return True


def link_dictionaries(bundle: Path, config_dir: Path) -> bool:
    """Make `config_dir/hunspell` a link to the bundle's dictionaries; True when it is."""
    target = bundle / DICTIONARIES
    link = config_dir / "hunspell"
    try:
        if link.is_symlink() and os.readlink(link) == str(target):
            return True
        config_dir.mkdir(parents=True, exist_ok=True)
        # Replace atomically: two windows starting at once must not see no link.
        temp = config_dir / f".hunspell-{os.getpid()}"
        temp.unlink(missing_ok=True)
        temp.symlink_to(target, target_is_directory=True)
        os.replace(temp, link)
        return True
    except OSError:
        return False


def configure_enchant(bundle: Path, data_dir: Path | None,
                      environ: MutableMapping[str, str]) -> None:
    """Point pyenchant and enchant at the bundle's library, providers and dictionaries.

    Never falls back on the system's enchant: without the bundle's providers
    spelling is off (and says so), rather than quietly using other copies.
    """
    library = bundle / LIBENCHANT
    if not library.is_file():
        return  # not a Linux bundle with enchant: pyenchant looks for itself
    environ["PYENCHANT_LIBRARY_PATH"] = str(library)
    open_provider_dir(bundle)
    config = data_dir / "enchant" if data_dir is not None else None
    if config is None or not link_dictionaries(bundle, config):
        # No writable user folder (or no symlinks there): the bundle's share/
        # folder holds hunspell/ itself; enchant then keeps its word lists in
        # memory when it cannot write beside it.
        config = bundle / "share"
    environ["ENCHANT_CONFIG_DIR"] = str(config)


def _user_data_dir() -> Path | None:
    try:
        from drafting import paths

        return paths.user_data_dir()
    except OSError:
        return None


if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    configure_enchant(Path(getattr(sys, "_MEIPASS", "")), _user_data_dir(), os.environ)
