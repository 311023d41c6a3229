"""The house-style block as a form: page, margins, fonts, type sizes, numbering.

Built from `HOUSE_STYLE_MAP`, so every value the template format knows gets a
field and a new value added to the format appears here without more code.
Lengths are twips (1/1440 inch), sizes points, as in the file; each field
says so and shows the value in millimetres or inches as a tooltip. A few
values have their own unit or widget: letter spacing (points, may be
negative), glyph width (per cent), and the masthead emblem, a picture file
chosen with a file dialog and checked at once (`drafting.templates.emblem`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.templates.emblem import EmblemError, read_emblem
from drafting.templates.model import HouseStyle
from drafting.templates.xmlfile import HOUSE_STYLE_MAP

_GROUPS = {
    "page": lambda: _("Page"),
    "margins": lambda: _("Margins"),
    "fonts": lambda: _("Fonts"),
    "body": lambda: _("Body text"),
    "headings": lambda: _("Headings"),
    "bullets": lambda: _("Bullets"),
    "running": lambda: _("Running headers and footers"),
    "footnotes": lambda: _("Footnotes"),
    "masthead": lambda: _("First-page masthead"),
}
_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(HouseStyle)}

FieldWidget = QSpinBox | QDoubleSpinBox | QLineEdit | QCheckBox
ChoosePicture = Callable[[str], "str | None"]


class HouseStyleForm(QScrollArea):
    """Edits a `HouseStyle` in place; emits `changed` after each edit.

    `choose_picture(start_folder)` asks for the emblem file (a file dialog by
    default; tests give canned answers).
    """

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, choose_picture: ChoosePicture | None = None
    ) -> None:
        super().__init__(parent)
        self.house_style: HouseStyle | None = None
        self.base: Path | None = None  # the template's folder: relative emblems live there
        self.widgets: dict[str, FieldWidget] = {}
        self._loading = False
        self.choose_picture = choose_picture or self._ask_picture
        self.emblem_status = QLabel(self)
        self.emblem_status.setObjectName("emblem_status")
        self.emblem_status.setWordWrap(True)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        intro = QLabel(_("Lengths are in twips (1,440 to the inch, about 57 to the millimetre); "
                         "sizes and line heights in points. Use Preview to see a change in a "
                         "real document."), inner)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        forms: dict[str, QFormLayout] = {}
        for el_name, attr, name in HOUSE_STYLE_MAP:
            if el_name not in forms:
                box = QGroupBox(_GROUPS.get(el_name, lambda n=el_name: n)(), inner)
                forms[el_name] = QFormLayout(box)
                layout.addWidget(box)
            widget = self._make(name)
            widget.setObjectName(f"{name}_field")
            forms[el_name].addRow(f"{attr}", self._emblem_row(widget) if name == "emblem"
                                  else widget)
            self.widgets[name] = widget
            if name == "emblem":
                forms[el_name].addRow("", self.emblem_status)
        layout.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)

    def _emblem_row(self, line: FieldWidget) -> QWidget:
        """The emblem's path with "Choose…" and "Remove" buttons."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(line, 1)
        self.emblem_choose_button = QPushButton(_("Choose…"), row)
        self.emblem_choose_button.setToolTip(_("A PNG or JPEG picture of at most 1 MB, shown "
                                               "in the first cell of the masthead"))
        self.emblem_choose_button.clicked.connect(self.choose_emblem)
        self.emblem_remove_button = QPushButton(_("Remove"), row)
        self.emblem_remove_button.clicked.connect(lambda: self.set_value("emblem", ""))
        layout.addWidget(self.emblem_choose_button)
        layout.addWidget(self.emblem_remove_button)
        return row

    def _ask_picture(self, start: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the emblem"), start, _("Pictures (*.png *.jpg *.jpeg)"))
        return path or None

    @Slot()
    def choose_emblem(self) -> None:
        """Ask for a picture file; a file in the template's folder is kept relative."""
        start = str(self.base) if self.base is not None else ""
        chosen = self.choose_picture(start)
        if not chosen:
            return
        path = Path(chosen)
        if self.base is not None and path.parent.resolve() == self.base.resolve():
            chosen = path.name
        self.set_value("emblem", chosen)

    def _make(self, name: str) -> FieldWidget:
        default = _DEFAULTS[name]
        widget: FieldWidget
        if name == "char_spacing":
            widget = QDoubleSpinBox(self)
            widget.setRange(-2.0, 2.0)
            widget.setDecimals(2)
            widget.setSingleStep(0.05)
            widget.setSuffix(_(" pt"))
            widget.valueChanged.connect(lambda _v, n=name: self._edited(n))
        elif name == "char_width":
            widget = QSpinBox(self)
            widget.setRange(50, 200)
            widget.setSuffix(_(" %"))
            widget.valueChanged.connect(lambda _v, n=name: self._edited(n))
        elif isinstance(default, bool):
            widget = QCheckBox(self)
            if name == "numbered_paragraphs":
                widget.setText(_("Numbered paragraphs (reports: “1.  Text”)"))
            elif name == "hyphenate":
                widget.setText(_("Hyphenate words at line ends (UN documents do not)"))
            widget.toggled.connect(lambda _v, n=name: self._edited(n))
        elif isinstance(default, int):
            widget = QSpinBox(self)
            widget.setRange(0, 40_000)
            widget.setSingleStep(20)
            widget.setSuffix(_(" twips"))
            widget.valueChanged.connect(lambda _v, n=name: self._edited(n))
        elif isinstance(default, float):
            widget = QDoubleSpinBox(self)
            widget.setRange(0.5, 200.0)
            widget.setDecimals(1)
            widget.setSingleStep(0.5)
            widget.setSuffix(_(" pt"))
            widget.valueChanged.connect(lambda _v, n=name: self._edited(n))
        else:
            widget = QLineEdit(self)
            widget.textEdited.connect(lambda _t, n=name: self._edited(n))
        return widget

    def load(self, style: HouseStyle, base: Path | None = None) -> None:
        """Show `style`; later edits change it in place.

        `base` is the template's folder, where a relative emblem path points.
        """
        self.house_style = style
        self.base = base
        self._show_emblem_status()
        self._loading = True
        try:
            for name, widget in self.widgets.items():
                value = getattr(style, name)
                if isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QLineEdit):
                    widget.setText(str(value))
                else:
                    widget.setValue(value)
                    if isinstance(widget, QSpinBox) and name != "char_width":
                        widget.setToolTip(_("{mm:.1f} mm").format(mm=value / 1440 * 25.4))
        finally:
            self._loading = False

    def set_value(self, name: str, value: Any) -> None:
        """Set one field as the editor would (tests, scripted edits)."""
        widget = self.widgets[name]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
            self._edited(name)
        else:
            widget.setValue(value)

    @Slot()
    def _edited(self, name: str) -> None:
        if self.house_style is None or self._loading:
            return
        widget = self.widgets[name]
        if isinstance(widget, QCheckBox):
            value: Any = widget.isChecked()
        elif isinstance(widget, QLineEdit):
            value = widget.text().strip()
        elif isinstance(widget, QSpinBox):
            value = widget.value()
            if name != "char_width":
                widget.setToolTip(_("{mm:.1f} mm").format(mm=value / 1440 * 25.4))
        else:
            value = round(widget.value(), widget.decimals())
        setattr(self.house_style, name, value)
        if name == "emblem":
            self._read_emblem()
        self.changed.emit()

    def _read_emblem(self) -> None:
        """Read and check the emblem now, so the export and the preview have it."""
        assert self.house_style is not None
        self.house_style.emblem_image = None
        self._show_emblem_status()  # reads it, or says why it cannot be used

    def _show_emblem_status(self) -> None:
        style = self.house_style
        if style is None or not style.emblem:
            self.emblem_status.setText(_("No emblem. Missive does not ship the UN emblem, "
                                         "whose use is restricted; add it here if you may "
                                         "use it."))
            return
        if style.emblem_image is None:
            try:
                style.emblem_image = read_emblem(style.emblem, self.base)
            except EmblemError as exc:
                self.emblem_status.setText(str(exc))
                return
        image = style.emblem_image
        kind = "PNG" if image.content_type == "image/png" else "JPEG"
        self.emblem_status.setText(_("{kind} picture, {width} × {height} pixels.").format(
            kind=kind, width=image.width, height=image.height))
