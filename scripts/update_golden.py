"""Regenerate the golden DOCX parts in tests/_reference/export/ — on purpose only.

Run after a deliberate change of the export, then review `git diff
tests/_reference` before committing: every difference is a change users see.

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.drafting.test_export_golden import (  # noqa: E402
    REFERENCE_DIR,
    docx_parts,
    export_case,
    golden_cases,
    reference_file,
)


def main() -> int:
    """Write every golden case's parts; print what was written."""
    with tempfile.TemporaryDirectory() as tmp:
        for case in sorted(golden_cases()):
            folder = REFERENCE_DIR / case
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            parts = docx_parts(export_case(case, Path(tmp)))
            for part, text in sorted(parts.items()):
                target = reference_file(case, part)
                target.write_text(text, encoding="utf-8")
                print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
