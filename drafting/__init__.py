"""Missive's domain package (pure Python, never imports Qt).

`__version__` is the one place the version lives: pyproject.toml reads it
(`[tool.setuptools.dynamic]`), and `drafting.about` shows it.
"""

from __future__ import annotations

__version__ = "0.2.0"
