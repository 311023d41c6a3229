"""When the open draft can no longer be saved into: the writer's text goes to a
new draft instead, so nothing typed is lost.

That happens when another program replaced, moved or deleted the draft file
while a window had it open (an export or a copy over it, a sync tool), or
committed to it through another name (a hard link): the store refuses to write
(`DraftChangedError`). `rescue_draft` then creates "<name> (rescued).missive"
beside it — or, where that folder cannot be written, in the user's drafts
folder — never over an existing file, and returns it open for writing.
"""

from __future__ import annotations

from pathlib import Path

from drafting import paths
from drafting.errors import DraftError, DraftLockedError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.store import DraftStore

_ATTEMPTS = 50


def rescue_draft(path: Path, letter: Letter) -> DraftStore:
    """A new draft holding `letter`, named after `path`, open for writing.

    Raises DraftError when no folder can take it (the text then stays only
    in the window, which says so).
    """
    suffix = path.suffix or ".missive"
    name = _("Rescued: {name} could no longer be saved into").format(name=path.name)
    last: DraftError | None = None
    for folder in (path.parent, paths.user_data_dir() / "drafts"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        for n in range(1, _ATTEMPTS + 1):
            label = (_("{name} (rescued)") if n == 1 else _("{name} (rescued {n})")).format(
                name=path.stem[:120], n=n)
            candidate = folder / (label + suffix)
            if candidate.exists() or candidate.is_symlink():
                continue
            try:
                return DraftStore.create(candidate, letter, name=name)
            except DraftLockedError:
                continue  # someone is creating this very name: try the next
            except DraftError as exc:
                last = exc
                if candidate.exists():
                    continue
                break  # this folder cannot take it: try the next folder
    raise last or DraftError(_("No folder could take a copy of {name}.").format(name=path.name))
