"""The package's shape: the article rules read a parsed document and word lists only, and no import cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "quotes"
# what the one-article rules may import from the package: the document type, word lists, records, settings
ARTICLE_MAY_IMPORT = ("quotes.article", "quotes.document", "quotes.language", "quotes.records", "quotes.settings")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, top_level_only: bool = False) -> set[str]:
    """The quotes modules a file imports (``from quotes.x import y`` gives quotes.x, or quotes.x.y when that is
    a module), at module level only or anywhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = set()
    for node in nodes:
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports are for type checkers only
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quotes"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if (PACKAGE.parent / (full.replace(".", "/") + ".py")).exists()
                        or (PACKAGE.parent / full.replace(".", "/")).is_dir() else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("quotes")}
    return out


def graph(top_level_only: bool) -> dict[str, set[str]]:
    return {module_name(p): imports(p, top_level_only) for p in PACKAGE.rglob("*.py")}


def test_the_article_rules_import_only_the_document_word_lists_and_records():
    for path in list((PACKAGE / "article").glob("*.py")) + [PACKAGE / "document.py"] + list(
            (PACKAGE / "language").glob("*.py")):
        bad = {m for m in imports(path) if not m.startswith(ARTICLE_MAY_IMPORT)}
        assert not bad, f"{module_name(path)} imports {sorted(bad)}"


def test_reading_an_article_loads_neither_torch_nor_stanza():
    code = ("import sys, quotes.article.extract, quotes.document; "
            "from quotes.document import from_serialized; "
            "print(sorted(m for m in ('torch', 'stanza', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_import_cycles_at_module_level():
    edges = graph(top_level_only=True)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            nxt = nxt if nxt in edges else nxt.rpartition(".")[0]
            if nxt == node or nxt not in edges:
                continue
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join(path + [nxt])
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])


def test_no_module_is_over_450_lines():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 450}
    assert not long, long
