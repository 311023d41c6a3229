"""Writing the DOCX file: a refused final export writes nothing and keeps the
previous file; a failed write leaves the previous file and no temporary one;
the file mode follows the umask or the file replaced; a missing folder is a
plain error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafting.errors import ExportError
from drafting.export import export_docx
from tests.drafting.test_export_docx import export
from tests.drafting.test_export_golden import golden_letter_en, golden_letter_fr, golden_template


def test_final_refuses_placeholders_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "final.docx"
    with pytest.raises(ExportError, match=r"\[618\]"):
        export_docx(golden_letter_fr(), golden_template(), target, final=True)
    assert list(tmp_path.iterdir()) == []


def test_final_keeps_an_existing_file_when_refused(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"previous export")
    with pytest.raises(ExportError):
        export_docx(golden_letter_fr(), golden_template(), target, final=True)
    assert target.read_bytes() == b"previous export"


def test_read_only_folder_gives_plain_error_and_no_temp(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod does not stop root (the CI user), so the refusal is simulated
    # where the OS would raise it: creating the temporary file.
    from drafting import atomic

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "_create_temp", refuse)
    with pytest.raises(ExportError, match="Could not write .*Permission denied"):
        export(golden_letter_en(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_failed_rename_leaves_old_file_and_no_temp(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left on device"):
        export_docx(golden_letter_en(), golden_template(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_export_mode_follows_umask_and_replaced_file(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = export(golden_letter_en(), tmp_path, name="fresh.docx").path
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.docx"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        export(golden_letter_en(), tmp_path, name="kept.docx")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)


def test_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_docx(golden_letter_en(), golden_template(), tmp_path / "nope" / "x.docx")
