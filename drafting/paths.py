"""Where Missive keeps things: shipped data beside the code, user data via
platformdirs. Nothing else hard-codes a path.

`MISSIVE_DATA_DIR` / `MISSIVE_CONFIG_DIR` override the user folders (tests and
portable installs use them).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Missive"
_ROOT = Path(__file__).resolve().parent.parent
# Run from a clone (or an editable install): data folders sit beside the code.
# Installed from a wheel, they are the packages missive_templates/missive_locale.
_SOURCE_CHECKOUT = (_ROOT / "pyproject.toml").is_file()
# Frozen (the desktop bundle, scripts/bundle/): the data folders sit beside the
# modules in the bundle's own folder, sys._MEIPASS, laid out as in a clone.
_BUNDLE_DIR: str | None = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
_FROZEN = _BUNDLE_DIR is not None
if _BUNDLE_DIR is not None:
    _ROOT = Path(_BUNDLE_DIR).resolve()


def package_dir(name: str, fallback: Path) -> Path:
    """The folder of data package `name`: the source checkout's (or the frozen
    bundle's) when present, else the installed one (a regular or a namespace package)."""
    if (_SOURCE_CHECKOUT or _FROZEN) and fallback.is_dir():
        return fallback
    spec = importlib.util.find_spec(name)
    if spec is None:  # pragma: no cover - broken install
        return fallback
    if spec.origin and spec.origin not in ("namespace", "built-in"):
        return Path(spec.origin).resolve().parent
    locations = list(spec.submodule_search_locations or [])
    return Path(locations[0]).resolve() if locations else fallback


def shipped_templates_dir() -> Path:
    """Templates shipped with Missive (read-only)."""
    return package_dir("missive_templates", _ROOT / "templates")


def schema_path() -> Path:
    return shipped_templates_dir() / "schema" / "template.rng"


def samples_dir() -> Path:
    return shipped_templates_dir() / "samples"


def user_data_dir() -> Path:
    """The user's data folder (own templates, recovery, logs); created on demand."""
    env = os.environ.get("MISSIVE_DATA_DIR")
    path = Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_templates_dir() -> Path:
    path = user_data_dir() / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    env = os.environ.get("MISSIVE_CONFIG_DIR")
    path = Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
