"""The emblem a template's house style may name (issue 17), and the v2 house style.

The picture is data: only a local PNG or JPEG file, at most 1 MB and 4096
pixels a side, read from the template's folder when its path is relative;
addresses and network shares are refused without being fetched. Problems are
located at the template's <masthead> element. The export places the picture
in the masthead's first cell, fitted into the measured box, with alternative
text in the letter's language. The shipped template names no emblem.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from drafting.errors import TemplateError
from drafting.export import export_docx
from drafting.export.xmlutil import safe_parser
from drafting.templates.catalog import (
    create_letter,
    get_template,
    load_template,
    template_to_xml,
    validate_template_file,
)
from drafting.templates.editing import import_template_file
from drafting.templates.emblem import (
    MAX_EMBLEM_BYTES,
    EmblemError,
    check_emblem,
    emblem_path,
)
from drafting.templates.model import HouseStyle
from tests.drafting.pictures import TEST_JPEG, make_png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
EMU_PER_TWIP = 635


def template_with_emblem(folder: Path, value: str, picture: bytes | None = None,
                         name: str = "emblem.png") -> Path:
    """A copy of the shipped template naming `value` as its emblem, in `folder`."""
    if picture is not None:
        (folder / name).write_bytes(picture)
    text = template_to_xml(get_template("minusma-six-monthly")).decode("utf-8")
    text = text.replace('row2="2880"', f'row2="2880" emblem="{value}"', 1)
    path = folder / "with-emblem.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_templates_name_no_emblem() -> None:
    for template_id in ("minusma-six-monthly", "minusma-quarterly-report"):
        style = get_template(template_id).house_style
        assert (style.emblem, style.emblem_image) == ("", None)
        assert b"emblem=" not in template_to_xml(get_template(template_id))


def test_a_relative_emblem_is_read_beside_the_template(tmp_path: Path) -> None:
    path = template_with_emblem(tmp_path, "emblem.png", make_png(120, 100))
    template = load_template(path)
    image = template.house_style.emblem_image
    assert image is not None
    assert (image.content_type, image.width, image.height) == ("image/png", 120, 100)
    # it is written back as it was given, and loads again
    assert b'emblem="emblem.png"' in template_to_xml(template)


def test_a_jpeg_emblem_by_absolute_path(tmp_path: Path) -> None:
    path = template_with_emblem(tmp_path, str(TEST_JPEG))
    image = load_template(path).house_style.emblem_image
    assert image is not None and (image.content_type, image.width, image.height) == (
        "image/jpeg", 72, 60)


@pytest.mark.parametrize("value", [
    "https://example.org/emblem.png",
    "http://127.0.0.1:9/emblem.png",
    "file:///etc/passwd",
    "data:image/png;base64,iVBORw0KGgo=",
    "//server/share/emblem.png",
    "\\\\server\\share\\emblem.png",
])
def test_addresses_are_refused_never_fetched(value: str) -> None:
    with pytest.raises(EmblemError, match="not an address"):
        emblem_path(value, Path("/tmp"))


def test_a_drive_letter_is_a_path_not_an_address() -> None:
    assert emblem_path("C:\\emblems\\un.png", Path("/tmp")).name.endswith("un.png")


@pytest.mark.parametrize(("data", "message"), [
    (b"GIF89a" + b"\0" * 40, "PNG or JPEG"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG or JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 30, "damaged"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 8, "damaged"),
    (make_png(5000, 1), "4096"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_EMBLEM_BYTES, "larger than"),
])
def test_only_sensible_png_and_jpeg_pictures_pass(data: bytes, message: str) -> None:
    with pytest.raises(EmblemError, match=message):
        check_emblem(data)


def test_a_bad_emblem_is_a_template_problem_located_at_the_masthead(tmp_path: Path) -> None:
    path = template_with_emblem(tmp_path, "emblem.gif", b"GIF89a" + b"\0" * 40,
                                name="emblem.gif")
    problems = validate_template_file(path)
    assert len(problems) == 1
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "<masthead" in text)
    assert re.match(rf"^{re.escape(str(path))}:{line}:\d+: .*PNG or JPEG", problems[0])
    with pytest.raises(TemplateError):
        load_template(path)
    missing = template_with_emblem(tmp_path, "nowhere.png")
    assert "cannot read the emblem" in validate_template_file(missing)[0]
    address = template_with_emblem(tmp_path, "https://example.org/e.png")
    assert "not an address" in validate_template_file(address)[0]


def test_a_blank_emblem_attribute_is_refused(tmp_path: Path) -> None:
    path = template_with_emblem(tmp_path, " ")
    assert "file name is blank" in validate_template_file(path)[0]


def test_import_copies_a_relative_emblem_into_the_user_folder(tmp_path: Path) -> None:
    shared, user = tmp_path / "shared", tmp_path / "user"
    shared.mkdir()
    user.mkdir()
    source = template_with_emblem(shared, "emblem.png", make_png())
    text = source.read_text(encoding="utf-8").replace(
        'id="minusma-six-monthly"', 'id="field-letter"', 1)
    source.write_text(text, encoding="utf-8")
    imported = import_template_file(source, user)
    assert (user / "emblem.png").read_bytes() == make_png()
    assert imported.house_style.emblem_image is not None
    outside = template_with_emblem(shared, "../emblem.png", None)
    (tmp_path / "emblem.png").write_bytes(make_png())
    outside.write_text(outside.read_text(encoding="utf-8").replace(
        'id="minusma-six-monthly"', 'id="other-letter"', 1), encoding="utf-8")
    with pytest.raises(TemplateError, match="outside its folder"):
        import_template_file(outside, user)
    assert not (user / "other-letter.xml").exists()


@pytest.mark.parametrize(("language", "alt"), [
    ("en", "United Nations emblem"),
    ("fr", "Emblème de l’Organisation des Nations Unies"),
    ("ar", "شعار الأمم المتحدة"),
])
def test_the_masthead_places_the_emblem_at_the_measured_size(
    tmp_path: Path, language: str, alt: str
) -> None:
    template = load_template(template_with_emblem(tmp_path, "emblem.png", make_png(120, 100)))
    letter = create_letter(template, language, symbol="S/2020/481", date=date(2020, 6, 1),
                           job_number="20-07899")
    out = export_docx(letter, template, tmp_path / f"{language}.docx").path
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        headers = {n: etree.fromstring(archive.read(n), parser=safe_parser())
                   for n in names if n.startswith("word/header")}
    assert "word/media/image1.png" in names
    drawings = [(n, d) for n, h in headers.items() for d in h.iter(f"{W}drawing")]
    assert len(drawings) == 1
    _name, drawing = drawings[0]
    # in the first cell of the masthead's second row
    cell = next(drawing.iterancestors(f"{W}tc"))
    row = cell.getparent()
    assert row.findall(f"{W}tc")[0] is cell
    assert list(row.getparent().iterchildren(f"{W}tr")).index(row) == 1
    extent = drawing.find(f".//{WP}extent")
    style = HouseStyle()
    width, height = int(extent.get("cx")), int(extent.get("cy"))
    # fitted into the measured box (1123 × 940 twips), proportions kept
    assert width == style.emblem_width * EMU_PER_TWIP
    assert height == round(100 * style.emblem_width / 120) * EMU_PER_TWIP
    assert height <= style.emblem_height * EMU_PER_TWIP
    doc_pr = drawing.find(f".//{WP}docPr")
    assert doc_pr.get("descr") == alt


def test_no_emblem_no_picture(tmp_path: Path) -> None:
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "en", symbol="S/2020/481", date=date(2020, 6, 1))
    out = export_docx(letter, template, tmp_path / "plain.docx").path
    with zipfile.ZipFile(out) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]
