"""The draft as it crosses the wire to a model: what instructor and grammar engines are given.

Two workarounds for real servers live here, not in the contract (`models.py`): the draft's JSON
schema is generated once (instructor asks for it on every call, ~5 ms), and raw control
characters inside strings are accepted (llama-cpp-python's JSON grammar lets a model emit a raw
newline; it is the document's own character, not a malformed answer).
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, Self

from pydantic import ConfigDict
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

from summarizer.models import SummaryDraft

_SCHEMAS: dict[tuple[Any, ...], str] = {}


def escape_raw_controls(text: str) -> str:
    """Escape control characters that stand raw inside JSON strings; leave all else as it is."""
    return _JSON_STRING.sub(_escape_string, text)


# A JSON string: escapes taken whole, up to its closing quote (or the end of a cut-off answer).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.DOTALL)
_CONTROL_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x20)} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}


def _escape_string(match: re.Match[str]) -> str:
    return match.group(0).translate(_CONTROL_ESCAPES)


# SummaryDraft as the model layer parses it. Its schema must be SummaryDraft's to the byte (the
# recorded cassettes match on request bodies): same title, and the same docstring, which pydantic
# sends as the schema's description.
class WireDraft(SummaryDraft):
    """A model's answer: every item with the verbatim quotes it rests on."""

    model_config = ConfigDict(title="SummaryDraft")

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = GenerateJsonSchema,
        mode: JsonSchemaMode = "validation",
        *,
        union_format: Literal["any_of", "primitive_type_array"] = "any_of",
    ) -> dict[str, Any]:
        """Generated once per set of arguments: instructor asks for it on every call (~5 ms).
        Callers get their own copy, since some of them edit what they are given."""
        key = (cls, by_alias, ref_template, schema_generator, mode, union_format)
        if key not in _SCHEMAS:
            _SCHEMAS[key] = json.dumps(
                super().model_json_schema(
                    by_alias, ref_template, schema_generator, mode, union_format=union_format
                )
            )
        return dict(json.loads(_SCHEMAS[key]))  # a fresh copy, faster than a deep copy

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Also accept raw newlines and tabs inside strings: llama-cpp-python's JSON grammar lets
        a model emit them, and they are the document's own characters, not a malformed answer."""
        text = json_data.decode("utf-8") if isinstance(json_data, bytes | bytearray) else json_data
        return super().model_validate_json(
            escape_raw_controls(text),
            strict=strict,
            extra=extra,
            context=context,
            by_alias=by_alias,
            by_name=by_name,
        )


# instructor names the json_schema it sends after the class: keep the contract's name on the wire.
WireDraft.__name__ = WireDraft.__qualname__ = "SummaryDraft"
