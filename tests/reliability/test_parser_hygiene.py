"""What tests/test_architecture.py::test_xml_parsers_are_built_safely does not
cover: the other ways to parse XML or run code, and the files outside
drafting/ and ui/ (main.py, scripts/). The behaviour of every parser Missive
builds is tested in test_bad_inputs.py (XXE, network DTD, billion laughs)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.reliability.helpers import ROOT

# Parsers that resolve entities or fetch DTDs unless told otherwise, or that
# process what a document asks for (XInclude, XSLT).
_UNSAFE_XML = re.compile(
    r"\bXMLPullParser\(|\bHTMLParser\(|\betree\.XSLT\(|\.xinclude\(|\bETCompatXMLParser\("
    r"|\betree\.HTML\(|\bXMLID\(|\bparseid\("
)
_STDLIB_XML = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers", "lxml.html", "lxml.objectify")
# Ways data could become code or a program could start.
_CODE = re.compile(
    r"\bos\.(system|popen|exec\w*|spawn\w*|posix_spawn\w*|startfile)\(|shell\s*=\s*True"
    r"|\byaml\.(load|unsafe_load)\(|\bimportlib\.import_module\(|\bruntime\.exec"
)
_CODE_MODULES = ("pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle", "yaml")


def _sources() -> list[Path]:
    files = [*(ROOT / "drafting").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), ROOT / "main.py"]
    files += sorted((ROOT / "scripts").glob("*.py")) if (ROOT / "scripts").is_dir() else []
    return [p for p in files if "__pycache__" not in p.parts]


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def test_no_other_xml_parser_and_no_code_execution_anywhere() -> None:
    sources = _sources()
    assert len(sources) > 20
    offenders: list[str] = []
    for path in sources:
        src = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        for lineno, name in _imported(ast.parse(src)):
            if name.startswith(_STDLIB_XML) or name.split(".")[0] in _CODE_MODULES:
                offenders.append(f"{where}:{lineno}: imports {name}")
            if where.parts[0] == "drafting" and name.split(".")[0] == "subprocess":
                offenders.append(f"{where}:{lineno}: drafting/ never starts programs")
        lines = src.splitlines()
        for lineno, line in enumerate(lines, 1):
            if line.lstrip().startswith("#"):
                continue
            for pattern in (_UNSAFE_XML, _CODE):
                m = pattern.search(line)
                if m:
                    offenders.append(f"{where}:{lineno}: {m.group(0)}")
            # The rule of test_architecture.py, applied to main.py and scripts/ too.
            if where.parts[0] not in ("drafting", "ui") and "XMLParser(" in line:
                window = "\n".join(lines[lineno - 1 : lineno + 6])
                if "resolve_entities=False" not in window or "no_network=True" not in window:
                    offenders.append(f"{where}:{lineno}: unsafe XMLParser")
    assert offenders == []


def test_the_scan_would_catch_what_it_looks_for() -> None:
    """The patterns are live: each known-bad line is caught."""
    bad = [
        "parser = etree.XMLPullParser()", "etree.XSLT(doc)", "tree.xinclude()",
        "os.system('x')", "subprocess.run(cmd, shell=True)", "yaml.load(text)",
        "importlib.import_module(name)",
    ]
    assert all(_UNSAFE_XML.search(b) or _CODE.search(b) for b in bad)
    tree = ast.parse("import pickle\nfrom xml.etree import ElementTree\nimport xml.dom.minidom")
    names = [n for _l, n in _imported(tree)]
    assert "pickle" in names and any(n.startswith(_STDLIB_XML) for n in names)
