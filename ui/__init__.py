"""The PySide6 interface (DESIGN §2): windows and panels over one `Session`."""
