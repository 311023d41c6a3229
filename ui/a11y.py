"""Names and tooltips for the controls Qt makes itself.

A dialog's standard buttons (OK, Cancel, Close) get their text from Qt and no
tooltip; `explain_buttons` gives each one a tooltip in the interface
language, saying what it does and its key.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from drafting.i18n import _

StandardButton = QDialogButtonBox.StandardButton


def explain_buttons(box: QDialogButtonBox) -> None:
    """Tooltips for the standard buttons of `box` that have none."""
    tips = {
        StandardButton.Ok: _("Apply and close (Enter)"),
        StandardButton.Cancel: _("Close without changing anything (Esc)"),
        StandardButton.Close: _("Close this window (Esc)"),
    }
    for standard, tip in tips.items():
        button = box.button(standard)
        if button is not None and not button.toolTip():
            button.setToolTip(tip)
