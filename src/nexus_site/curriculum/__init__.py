"""Stage 1 — the curriculum: YAML source with locations, the model, validation, JSON Schema."""
