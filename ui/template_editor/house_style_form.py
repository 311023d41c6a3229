"""The house-style block as a form: page, margins, fonts, type sizes, numbering.

Built from `HOUSE_STYLE_MAP`, so every value the template format knows gets a
field and a new value added to the format appears here without more code.
Lengths are twips (1/1440 inch), sizes points, as in the file; each field
says so and shows the value in millimetres or inches as a tooltip.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.templates.model import HouseStyle
from drafting.templates.xmlfile import HOUSE_STYLE_MAP

_GROUPS = {
    "page": lambda: _("Page"),
    "margins": lambda: _("Margins"),
    "fonts": lambda: _("Fonts"),
    "body": lambda: _("Body text"),
    "headings": lambda: _("Headings"),
    "running": lambda: _("Running headers and footers"),
    "footnotes": lambda: _("Footnotes"),
    "masthead": lambda: _("First-page masthead"),
}
_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(HouseStyle)}

FieldWidget = QSpinBox | QDoubleSpinBox | QLineEdit | QCheckBox


class HouseStyleForm(QScrollArea):
    """Edits a `HouseStyle` in place; emits `changed` after each edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.house_style: HouseStyle | None = None
        self.widgets: dict[str, FieldWidget] = {}
        self._loading = False
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
            if not widget.toolTip():
                widget.setToolTip(_("{group}: “{attr}” in the template file").format(
                    group=_GROUPS.get(el_name, lambda n=el_name: n)(), attr=attr))
            forms[el_name].addRow(f"{attr}", widget)
            self.widgets[name] = widget
        layout.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the keyboard

    def _make(self, name: str) -> FieldWidget:
        default = _DEFAULTS[name]
        widget: FieldWidget
        if isinstance(default, bool):
            widget = QCheckBox(self)
            if name == "numbered_paragraphs":
                widget.setText(_("Numbered paragraphs (reports: “1.  Text”)"))
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

    def load(self, style: HouseStyle) -> None:
        """Show `style`; later edits change it in place."""
        self.house_style = style
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
                    if isinstance(widget, QSpinBox):
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
            widget.setToolTip(_("{mm:.1f} mm").format(mm=value / 1440 * 25.4))
        else:
            value = round(widget.value(), 1)
        setattr(self.house_style, name, value)
        self.changed.emit()
