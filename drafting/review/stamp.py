"""What an export leaves in the DOCX so that a reviewed copy can be matched back.

- An *anchor* per body paragraph: a bookmark named after the block id
  (`anchor_name`). Names starting with "_" are hidden bookmarks in Word, so
  reviewers never see them; Word and LibreOffice keep them through editing.
  Open XML allows 40 characters at most: an id that is too long or holds
  other characters than letters and digits is replaced by a digest of it.
- A *stamp* in the custom document properties (`docProps/custom.xml`): the
  draft's identity, the revision the export was made from and the digest of
  that revision's content, and, for a redline, the author of Missive's own
  tracked changes (they are not the reviewers').
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

ANCHOR_PREFIX = "_mv_"
STAMP_VERSION = "1"

# Custom document property names.
PROP_STAMP = "MissiveStamp"
PROP_DRAFT = "MissiveDraft"
PROP_REVISION = "MissiveRevision"
PROP_DIGEST = "MissiveDigest"
PROP_REDLINE_AUTHOR = "MissiveRedlineAuthor"

_PLAIN_ID = re.compile(r"[A-Za-z0-9]{1,32}")


def anchor_name(block_id: str) -> str:
    """The bookmark name of a block (at most 40 characters, letters, digits and "_")."""
    if _PLAIN_ID.fullmatch(block_id):
        return ANCHOR_PREFIX + block_id
    return ANCHOR_PREFIX + "h" + hashlib.sha1(block_id.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class ExportStamp:
    """Which draft and revision an export was made from."""

    draft: str
    revision: int
    digest: str
    redline_author: str = ""

    def properties(self) -> dict[str, str]:
        """The custom document properties that carry the stamp."""
        props = {PROP_STAMP: STAMP_VERSION, PROP_DRAFT: self.draft,
                 PROP_REVISION: str(self.revision), PROP_DIGEST: self.digest}
        if self.redline_author:
            props[PROP_REDLINE_AUTHOR] = self.redline_author
        return props

    @classmethod
    def from_properties(cls, props: dict[str, str]) -> ExportStamp | None:
        """The stamp read back from custom properties, or None when there is none."""
        draft = props.get(PROP_DRAFT, "").strip()
        revision = props.get(PROP_REVISION, "").strip()
        if not draft or not revision.isdigit():
            return None
        return cls(draft, int(revision), props.get(PROP_DIGEST, "").strip(),
                   props.get(PROP_REDLINE_AUTHOR, "").strip())
