"""JSON Schemas for the curriculum files, generated from the model.

Committed as ``curriculum/schema.json`` (series files) and ``curriculum/site.schema.json`` (the
site file); each YAML file names its schema in a ``# yaml-language-server: $schema=…`` comment so
VS Code's YAML extension validates and completes while the author types. A test fails when the
committed files differ from what this module generates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from nexus_site.curriculum.glossary import Glossary
from nexus_site.curriculum.model import Series, Site

SCHEMAS: dict[str, type[BaseModel]] = {
    "schema.json": Series,
    "site.schema.json": Site,
    "glossary.schema.json": Glossary,
}


def generate(cls: type[BaseModel]) -> dict[str, Any]:
    schema = cls.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render(cls: type[BaseModel]) -> str:
    return json.dumps(generate(cls), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(curriculum_dir: Path) -> list[Path]:
    """(Re)write the schema files; return those that changed."""
    changed = []
    for name, cls in SCHEMAS.items():
        path = curriculum_dir / name
        text = render(cls)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale(curriculum_dir: Path) -> list[Path]:
    """Schema files that differ from the generated ones."""
    return [
        curriculum_dir / name
        for name, cls in SCHEMAS.items()
        if not (curriculum_dir / name).exists()
        or (curriculum_dir / name).read_text(encoding="utf-8") != render(cls)
    ]
