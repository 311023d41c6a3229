"""Links whose text shows one address and whose target is another.

In a contribution such a link is a trap: the reviewer reads "undocs.org" and
the reader of the letter lands elsewhere. Only the host is compared (and the
mailbox of an e-mail address), so a link from "undocs.org/S/2020/481" to
"https://undocs.org/en/S/2020/481" is fine; text that does not look like an
address at all ("the report") is never judged.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_EMAIL_RE = re.compile(r"^(?:mailto:)?([^@\s/]+@[^@\s/]+\.[^@\s/]+)$", re.IGNORECASE)
_ADDRESS_RE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"
    r"(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)


def _host(url: str) -> str:
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.").rstrip(".")


def misleading(text: str, target: str) -> bool:
    """Whether link text that looks like an address names another one than `target`."""
    shown = text.strip().strip("<>()[]«»“”\"'").rstrip(".,;:")
    email = _EMAIL_RE.match(shown)
    if email:
        goes = target.lower().removeprefix("mailto:").split("?", 1)[0]
        return email.group(1).lower() != goes
    if not _ADDRESS_RE.match(shown):
        return False
    if target.lower().startswith("mailto:"):
        return True
    return _host(shown) != _host(target)
