"""The committed JSON Schemas are what the model generates, and every YAML file points to one."""

from __future__ import annotations

import json
from pathlib import Path

from nexus_site.curriculum import schema

ROOT = Path(__file__).parents[1]


def test_committed_schemas_are_current() -> None:
    stale = schema.stale(ROOT / "curriculum")
    assert stale == [], "run `uv run nexus-site schema` and commit curriculum/*.schema.json"


def test_schema_rejects_unknown_keys_and_requires_japanese() -> None:
    series = json.loads((ROOT / "curriculum" / "schema.json").read_text("utf-8"))
    assert series["additionalProperties"] is False
    text = series["$defs"]["Text"]
    assert text["required"] == ["ja"]
    assert text["properties"]["ja"]["minLength"] == 1


def test_every_yaml_file_names_its_schema() -> None:
    for path in sorted((ROOT / "curriculum").glob("*.yml")):
        first = path.read_text("utf-8").splitlines()[0]
        special = {"site.yml": "site.schema.json", "glossary.yml": "glossary.schema.json"}
        expected = special.get(path.name, "schema.json")
        assert first == f"# yaml-language-server: $schema={expected}", path.name
