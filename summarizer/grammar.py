"""JSON Schemas that grammar-constrained decoders (llama.cpp, Ollama) turn into grammars faithfully.

Converters have fallen back to unconstrained JSON, silently, on `$ref`/`$defs` and on unions
(llama-cpp-python #1048, #1097; llama.cpp #8073). So refs are inlined and titles dropped; the one
union kept is `anyOf [X, null]` (from Optional), which llama-cpp-python 0.3.36 converts with X's
constraints intact (a `type: [X, "null"]` list would lose them). Any other union is refused loudly.
"""

from __future__ import annotations

from typing import Any

from summarizer.errors import InternalError

JSONSchema = dict[str, Any]
_DROPPED_KEYS = frozenset({"title", "$defs", "default"})
_NULL = {"type": "null"}


def flat_schema(schema: JSONSchema) -> JSONSchema:
    """Inline every `$ref` and drop titles and defaults; refuse unions other than nullable."""
    definitions: dict[str, JSONSchema] = schema.get("$defs", {})
    flattened: JSONSchema = _flatten(schema, definitions, depth=0)
    _refuse_unions(flattened, path="#")
    return flattened


def _flatten(node: Any, definitions: dict[str, JSONSchema], depth: int) -> Any:
    if depth > 32:
        raise InternalError(
            "schema nests deeper than 32 levels; a recursive model cannot be inlined"
        )
    if isinstance(node, list):
        return [_flatten(item, definitions, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return _flatten(merged, definitions, depth + 1)
    flat: JSONSchema = {}
    for key, value in node.items():
        if key == "properties":  # property names are data: a field may be called "title"
            flat[key] = {name: _flatten(sub, definitions, depth + 1) for name, sub in value.items()}
        elif key not in _DROPPED_KEYS:
            flat[key] = _flatten(value, definitions, depth + 1)
    return flat


def _refuse_unions(node: Any, path: str) -> None:
    if isinstance(node, list):
        for position, item in enumerate(node):
            _refuse_unions(item, f"{path}/{position}")
        return
    if not isinstance(node, dict):
        return
    for keyword in ("oneOf", "allOf", "$ref"):
        if keyword in node:
            raise InternalError(f"schema keeps {keyword} at {path}; grammars would drop it")
    options = node.get("anyOf")
    if options is not None and (len(options) != 2 or _NULL not in options):
        raise InternalError(f"schema has a non-nullable anyOf at {path}; grammars would drop it")
    for key, value in node.items():
        if key == "properties":
            for name, sub in value.items():
                _refuse_unions(sub, f"{path}/properties/{name}")
        else:
            _refuse_unions(value, f"{path}/{key}")
