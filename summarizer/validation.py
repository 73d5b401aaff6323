"""A pydantic validation error as words a person can act on: the field, what is wrong, the fix."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic_core import ErrorDetails


def described(errors: Sequence[ErrorDetails], *, listed: int = 3) -> str:
    """'gold.topics[0].keywords should be a valid list, not 'dprk'; ...' for the first
    `listed` errors, then how many more there are."""
    said = [f"{field_name(error['loc'])} {what_is_wrong(error)}" for error in errors[:listed]]
    more = f"; and {len(errors) - listed} more" if len(errors) > listed else ""
    return "; ".join(said) + more


def field_name(location: tuple[int | str, ...]) -> str:
    """('gold', 'participants', 0, 'name') -> gold.participants[0].name"""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "the file"


def what_is_wrong(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is missing; add it"
    if kind == "json_invalid":
        return f"is not valid JSON ({error['msg'].removeprefix('Invalid JSON: ')})"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if kind == "too_short":
        return "is empty; give it at least one"
    wanted = _WANTED.get(kind) or error["msg"].replace("Input should be", "should be", 1)
    return f"{wanted}, not {_shown_value(error['input'])}"


_WANTED = {
    "string_type": "should be a string",
    "list_type": "should be a list",
    "dict_type": "should be an object",
    "model_type": "should be an object",
    "model_attributes_type": "should be an object",
    "bool_type": "should be true or false",
    "int_type": "should be a whole number",
    "float_type": "should be a number",
}


def _shown_value(value: object) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    return {"list": "a list", "dict": "an object"}.get(type(value).__name__, type(value).__name__)
