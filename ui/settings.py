"""Per-user preferences: the only module that touches QSettings (CONVENTIONS rule 7).

Settings live in an INI file in `paths.user_config_dir()` so tests that set
`MISSIVE_CONFIG_DIR` never read or write the real user's preferences. Keys
are constants; every getter has a typed default.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from drafting import paths

RECENT_FILES = "files/recent"
LAST_DRAFT = "files/last"
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER_STATE = "window/splitter"
LAST_STEP = "window/last_step"
FINDINGS_SEVERITY = "findings/severity"
SPELLING_ENABLED = "spelling/enabled"
EXPORT_DIR = "export/last_dir"
INTERFACE_LANGUAGE = "interface/language"  # "" follows the system locale
TEMPLATE_USES = "templates/uses"  # group: template id → drafts opened or created with it
NEW_DRAFT_DIR = "files/new_draft_dir"
REVIEW_AUTHOR = "review/author"  # the writer's name on replies to comments

MAX_RECENT = 8


class Settings:
    """Typed access to the user's preferences."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.user_config_dir() / "missive.ini"
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # -- recent files -------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Recent drafts, most recent first, only those that still exist."""
        value = self._qs.value(RECENT_FILES, [])
        items: list[object] = [value] if isinstance(value, str) else \
            list(value) if isinstance(value, (list, tuple)) else []
        return [str(v) for v in items if v and Path(str(v)).exists()]

    def add_recent_file(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != p]
        files.insert(0, p)
        self._qs.setValue(RECENT_FILES, files[:MAX_RECENT])
        self._qs.setValue(LAST_DRAFT, p)

    def clear_recent_files(self) -> None:
        self._qs.setValue(RECENT_FILES, [])

    def last_draft(self) -> str | None:
        value = self._qs.value(LAST_DRAFT, "")
        return str(value) if value and Path(str(value)).exists() else None

    # -- window layout ------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        return self._bytes(WINDOW_GEOMETRY)

    def set_window_geometry(self, data: QByteArray) -> None:
        self._qs.setValue(WINDOW_GEOMETRY, data)

    def window_state(self) -> QByteArray | None:
        return self._bytes(WINDOW_STATE)

    def set_window_state(self, data: QByteArray) -> None:
        self._qs.setValue(WINDOW_STATE, data)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes(SPLITTER_STATE)

    def set_splitter_state(self, data: QByteArray) -> None:
        self._qs.setValue(SPLITTER_STATE, data)

    def last_step(self) -> str:
        return str(self._qs.value(LAST_STEP, "") or "")

    def set_last_step(self, step: str) -> None:
        self._qs.setValue(LAST_STEP, step)

    # -- panels and tools ---------------------------------------------------
    def findings_severity(self) -> str:
        """The findings filter: "all", "error", "warning" or "info"."""
        value = str(self._qs.value(FINDINGS_SEVERITY, "all") or "all")
        return value if value in ("all", "error", "warning", "info") else "all"

    def set_findings_severity(self, value: str) -> None:
        self._qs.setValue(FINDINGS_SEVERITY, value)

    def spelling_enabled(self) -> bool:
        value = self._qs.value(SPELLING_ENABLED, True)
        if isinstance(value, str):
            return value.lower() not in ("false", "0", "no")
        return bool(value)

    def set_spelling_enabled(self, enabled: bool) -> None:
        self._qs.setValue(SPELLING_ENABLED, enabled)

    def export_dir(self) -> str:
        return str(self._qs.value(EXPORT_DIR, "") or "")

    def set_export_dir(self, folder: str) -> None:
        self._qs.setValue(EXPORT_DIR, folder)

    def interface_language(self) -> str:
        """The chosen interface language code, or "" to follow the system locale."""
        return str(self._qs.value(INTERFACE_LANGUAGE, "") or "")

    def set_interface_language(self, code: str) -> None:
        self._qs.setValue(INTERFACE_LANGUAGE, code)

    # -- new drafts -----------------------------------------------------------
    def template_uses(self) -> dict[str, int]:
        """How many drafts were opened or created with each template (by id)."""
        self._qs.beginGroup(TEMPLATE_USES)
        try:
            uses: dict[str, int] = {}
            for key in self._qs.childKeys():
                try:
                    uses[key] = int(str(self._qs.value(key, 0)))
                except ValueError:
                    continue
            return uses
        finally:
            self._qs.endGroup()

    def note_template_use(self, template_id: str) -> None:
        if not template_id or "/" in template_id:
            return
        count = self.template_uses().get(template_id, 0)
        self._qs.setValue(f"{TEMPLATE_USES}/{template_id}", count + 1)

    def most_used_templates(self) -> list[str]:
        """Template ids, the most used first."""
        uses = self.template_uses()
        return sorted(uses, key=lambda t: (-uses[t], t))

    def new_draft_dir(self) -> str:
        """The folder the last new draft was saved in ("" when none yet)."""
        return str(self._qs.value(NEW_DRAFT_DIR, "") or "")

    def set_new_draft_dir(self, folder: str) -> None:
        self._qs.setValue(NEW_DRAFT_DIR, folder)
    def review_author(self) -> str:
        """The name the writer's replies to comments carry (default: the login name)."""
        import getpass

        value = str(self._qs.value(REVIEW_AUTHOR, "") or "")
        if value:
            return value
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return ""

    def set_review_author(self, name: str) -> None:
        self._qs.setValue(REVIEW_AUTHOR, name.strip())

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
