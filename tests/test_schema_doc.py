"""One source for the database's shape: db.SCHEMA, the Datasette metadata and docs/schema.md agree."""

from __future__ import annotations

import importlib.util
import re

from quotes.datasette_plugin.summary import packaged_metadata
from quotes.publish.db import SCHEMA, VIEWS

from .conftest import ROOT


def schema_doc():
    spec = importlib.util.spec_from_file_location("schema_doc", ROOT / "scripts" / "schema_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_table_and_column_of_the_schema_is_described_and_nothing_else_is():
    tables = packaged_metadata()["database"]["tables"]
    for name, spec in SCHEMA.items():
        assert tables.get(name, {}).get("description"), f"metadata.yml: no description of table {name}"
        described = set(tables[name].get("columns", {}))
        assert described == set(spec["columns"]), f"metadata.yml: columns of {name}: {described ^ set(spec['columns'])}"
    for name in VIEWS:
        assert tables.get(name, {}).get("description"), f"metadata.yml: no description of view {name}"


def test_docs_schema_is_what_the_schema_and_metadata_say():
    module = schema_doc()
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert module.with_render(doc) == doc, "docs/schema.md is stale: run python scripts/schema_doc.py"
    assert all(f"### `{name}`" in doc for name in SCHEMA)


def test_the_readme_names_every_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    brief = readme[readme.index("## The database"):]
    assert {t for t in re.findall(r"`(\w+)`", brief) if t in SCHEMA} == set(SCHEMA)
