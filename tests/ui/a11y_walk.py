"""Walks a window's widgets as assistive technology sees them (shared by
`test_accessibility.py` and the probe run by hand while fixing names)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)


@dataclass
class Control:
    widget: QWidget
    kind: str
    name: str
    tooltip: str

    def where(self) -> str:
        owner = self.widget.window().objectName() or type(self.widget.window()).__name__
        parent = self.widget.parentWidget()
        return (f"{owner}: {self.kind} {self.widget.objectName() or ''} "
                f"in {type(parent).__name__ if parent else '-'}").strip()


def focusable(widget: QWidget) -> bool:
    """A control the keyboard reaches: shown, enabled or not, taking Tab focus."""
    if not widget.isVisibleTo(widget.window()) or widget.isWindow():
        return False
    if type(widget) is QScrollArea:
        return False  # a frame around the controls, not one itself
    if widget.focusProxy() is not None:
        return False  # the proxy is the control
    if type(widget) is QWidget:
        return False  # a container (e.g. a tab's page)
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def controls(window: QWidget) -> list[Control]:
    """Every focusable control of `window`, with its accessible name and tooltip."""
    out: list[Control] = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window:
            continue  # a popup of its own (a combo box's list): Qt names it
        if not focusable(widget) or isinstance(widget, QTabBar):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        out.append(Control(widget, type(widget).__name__, name.strip(), widget.toolTip()))
    return out


def unbuddied_labels(window: QWidget) -> list[QLabel]:
    """Form labels without a buddy: a screen reader cannot tie them to their field."""
    bad: list[QLabel] = []
    for form in window.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item is not None else None
            field = field_item.widget() if field_item is not None else None
            if not isinstance(label, QLabel) or not label.text().strip() or field is None:
                continue
            if not field.isVisibleTo(window) or not (field.focusPolicy()
                                                      & Qt.FocusPolicy.TabFocus
                                                      or field.focusProxy() is not None):
                continue
            if label.buddy() is None:
                bad.append(label)
    return bad


def every_page(window: QWidget) -> list[Control]:
    """`controls` of every tab of every tab widget in `window` (each shown in turn)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QTabWidget

    seen: dict[int, Control] = {}

    def take() -> None:
        QCoreApplication.processEvents()
        for control in controls(window):
            seen.setdefault(id(control.widget), control)

    take()
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            take()
            for inner in tabs.widget(index).findChildren(QTabWidget):
                inner_current = inner.currentIndex()
                for j in range(inner.count()):
                    inner.setCurrentIndex(j)
                    take()
                inner.setCurrentIndex(inner_current)
        tabs.setCurrentIndex(current)
    return list(seen.values())
