"""Build hook: compile the gettext catalogs into the package when building.

Everything else lives in pyproject.toml, except the package list, found here
from the source tree. The compiled `.mo` files are build
products (never committed), so `pip install .` from a fresh clone must make
them: `build_py` compiles every `locale/<lang>/LC_MESSAGES/missive.po` into the
`missive_locale` package of the build.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(__file__).resolve().parent / "locale"
        for po_path in sorted(root.glob("*/LC_MESSAGES/missive.po")):
            target = Path(self.build_lib) / "missive_locale" / po_path.relative_to(root)
            target = target.with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po_path.open("rb") as src:
                catalog = read_po(src)
            with target.open("wb") as out:
                write_mo(out, catalog)


# Every package under drafting/ and ui/, found on disk; the data folders are
# mapped to their installed names in pyproject.toml ([tool.setuptools.package-dir]).
PACKAGES = [
    *find_packages(include=["drafting", "drafting.*", "ui", "ui.*"]),
    *(f"missive_templates{sub}" for sub in ("", ".schema", ".samples")),
    "missive_locale",
]

setup(packages=PACKAGES, cmdclass={"build_py": BuildWithCatalogs})
