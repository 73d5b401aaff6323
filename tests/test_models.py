"""The contract: schema drift, strictness, and the attended/mentioned distinction."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.models import ParticipantDraft, SummaryDraft
from summarizer.schema_export import REGENERATE, schema_path, schema_text
from summarizer.wire import WireDraft, escape_raw_controls
from tests.drafts import draft


def test_committed_schema_matches_the_models() -> None:
    """schemas/ is generated from models.py; any drift fails with the command that fixes it."""
    committed = schema_path().read_text(encoding="utf-8")
    assert committed == schema_text(), f"schema is stale: run `{REGENERATE}` and commit the result"


def test_presence_must_be_attended_or_mentioned() -> None:
    """A participant cannot be saved without saying whether they took part."""
    person = draft()["participants"][0]
    person["presence"] = "present"
    with pytest.raises(ValidationError, match="presence"):
        ParticipantDraft.model_validate(person)
    del person["presence"]
    with pytest.raises(ValidationError, match="presence"):
        ParticipantDraft.model_validate(person)


def test_mentioned_people_stay_mentioned() -> None:
    """The draft keeps who attended and who was only mentioned, item by item."""
    parsed = SummaryDraft.model_validate(draft())
    assert [(p.name, p.presence.value) for p in parsed.participants] == [
        ("Sergey Lavrov", "attended"),
        ("Paul Whelan", "mentioned"),
    ]


def test_unknown_fields_are_rejected() -> None:
    """A model cannot add fields nobody checks."""
    answer = draft()
    answer["meeting"]["mood"] = "tense"
    with pytest.raises(ValidationError, match="mood"):
        SummaryDraft.model_validate(answer)


@pytest.mark.parametrize("value", ["2021-05-12", "2024-02-05/2024-02-06", None])
def test_dates_are_iso_or_null(value: str | None) -> None:
    """An ISO date, an ISO range, or null are the only accepted dates."""
    assert SummaryDraft.model_validate(draft(date=value)).meeting.date == value


@pytest.mark.parametrize("value", ["May 12", "2021-5-12", "2019-05-13T14:08Z"])
def test_unanchored_or_malformed_dates_are_rejected(value: str) -> None:
    """Anything else is a validation error that the model is re-asked about."""
    with pytest.raises(ValidationError, match="date"):
        SummaryDraft.model_validate(draft(date=value))


def test_raw_newlines_inside_strings_are_accepted() -> None:
    """llama-cpp-python's grammar lets raw newlines into strings; they parse as the text's own."""
    text = json.dumps(draft()).replace("Blinken and Lavrov", "Blinken\nand\tLavrov")
    assert WireDraft.model_validate_json(text).summary.startswith("Blinken\nand\tLavrov")


def test_escaping_leaves_structure_and_escapes_alone() -> None:
    """Only control characters inside strings change; escaped quotes do not end a string."""
    raw = '{"a": "x\\"\ny", "b":\n 1}'
    assert escape_raw_controls(raw) == '{"a": "x\\"\\ny", "b":\n 1}'


def test_escaping_reaches_the_end_of_a_cut_off_answer() -> None:
    """An answer cut inside a string (even after a lone backslash) has controls escaped."""
    assert escape_raw_controls('{"a": "x\ty') == '{"a": "x\\ty'
    assert escape_raw_controls('{"a": "\\"\x01\\') == '{"a": "\\"\\u0001\\'


def test_the_wire_draft_sends_exactly_the_contracts_schema() -> None:
    """The model layer's parser sends SummaryDraft's schema to the byte: a drift here would
    change every request body (and stale every recorded cassette)."""
    assert WireDraft.model_json_schema() == SummaryDraft.model_json_schema()
