"""Where Missive keeps things: shipped data beside the code, user data via
platformdirs. Nothing else hard-codes a path.

`MISSIVE_DATA_DIR` / `MISSIVE_CONFIG_DIR` override the user folders (tests and
portable installs use them).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Missive"
_ROOT = Path(__file__).resolve().parent.parent


def _package_dir(name: str, fallback: Path) -> Path:
    if fallback.is_dir():
        return fallback
    try:
        module = __import__(name)
        return Path(module.__file__).resolve().parent
    except ImportError:  # pragma: no cover - broken install
        return fallback


def shipped_templates_dir() -> Path:
    """Templates shipped with Missive (read-only)."""
    return _package_dir("missive_templates", _ROOT / "templates")


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
