"""Suite-wide setup: offscreen Qt, and user data kept out of the real home."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every test run gets its own user data/config folders (templates, settings,
# logs), so tests never read or damage a real user's files.
_user_root = tempfile.mkdtemp(prefix="missive-test-home-")
os.environ["MISSIVE_DATA_DIR"] = os.path.join(_user_root, "data")
os.environ["MISSIVE_CONFIG_DIR"] = os.path.join(_user_root, "config")
# The command line reads GNU gettext's LANGUAGE list before LANG: a developer's
# desktop setting must not change the language the tests expect.
os.environ.pop("LANGUAGE", None)
