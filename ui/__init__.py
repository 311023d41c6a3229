"""The PySide6 interface (DESIGN §2): windows and panels over one `Session`."""

from __future__ import annotations
