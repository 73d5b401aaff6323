"""End to end over every document in seeds/, replaying traffic recorded from the embedded model.

Recorded from the model that ships (Qwen2.5-Coder 1.5B Instruct on llama.cpp) through the assisted
engine: two grammar-constrained questions per document, plus the re-asks its answers needed. Each
test asserts what the pipeline made of them. Re-record with `make cassettes`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from summarizer import Settings, Summarizer
from summarizer.batch import write_outputs
from summarizer.config import EngineName
from summarizer.models import MatchKind, MeetingSummary
from summarizer.readers import InputSpec, discover, read_document
from summarizer.schema_export import schema_path
from tests.conftest import Recorded, cassette_hint

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# The recording profile: one validation re-ask and short answers keep `make cassettes` to minutes.
PROFILE = {"max_reasks": 1, "max_tokens": 640, "fallback": True, "context_tokens": 8192}


# What each recorded exchange led to, pinned: a change that turns a model answer into a fallback
# (or the reverse) must show here. Re-recording updates it. Recorded from Qwen2.5-Coder 1.5B
# through the assisted engine, every seed is answered by the model: the questions are short,
# their re-asks fix a cited number or name, and a question that still fails leaves the parser's
# reading in its place rather than failing the document.
EXPECTED_PATH = {
    "dev-commerce-raimondo-wang-call-2024": "model",
    "dev-commerce-raimondo-wang-nov2023": "model",
    "dev-dod-austin-lee-singapore-2022": "model",
    "dev-state-announce-blinken-host-wangyi-2023": "model",
    "dev-state-blinken-jaishankar-london-2021": "model",
    "dev-state-blinken-lavrov-call-2021": "model",
    "dev-state-blinken-wangyi-washington-2023": "model",
    "dev-treasury-ewg3-beijing-2024": "model",
    "dev-treasury-ewg5-beijing-2024": "model",
    "dev-whitehouse-biden-starmer-2024": "model",
    "us-china-treasury-working-group": "model",
}


def _seed_specs() -> list[InputSpec]:
    return discover([str(SEEDS)])


def _recorded_usage(cassette: Any) -> int:
    total = 0
    for response in cassette.responses:
        raw = response["body"]["string"]
        body = json.loads(raw) if raw else {}
        total += body.get("usage", {}).get("total_tokens", 0)
    return total


@pytest.mark.vcr
@pytest.mark.parametrize("spec", _seed_specs(), ids=lambda spec: spec.name)
def test_seed_document_is_summarized_as_designed(
    spec: InputSpec, recorded: Recorded, vcr: Any, tmp_path: Path
) -> None:
    """Every seed gets a schema-valid summary whose provenance tells what the model calls did."""
    document = read_document(spec)
    settings = Settings(engine=recorded.engine, **PROFILE)  # type: ignore[arg-type]
    with (
        cassette_hint(f"tests/cassettes/test_seeds_recorded/{spec.name}"),
        Summarizer(settings, endpoint=recorded.endpoint) as summarizer,
    ):
        summary = summarizer.summarize_document(document)
    provenance = summary.provenance
    chat_calls = [r for r in vcr.requests if r.path.endswith("/chat/completions")]
    if vcr.write_protected:  # replaying (recording writes what it gets, and plays nothing)
        assert vcr.all_played, "every recorded exchange is replayed, none skipped"
    assert provenance.attempts == len(chat_calls)
    assert provenance.usage.total_tokens == _recorded_usage(vcr)
    assert _path_taken(summary) == EXPECTED_PATH[spec.name]
    if provenance.fallback_from is None:
        _assert_model_result(summary, document.text, recorded.engine)
    else:
        _assert_fallback(summary, recorded.engine)
    schema = json.loads(schema_path().read_text())
    for path in write_outputs(summary, tmp_path, spec.name):
        if path.suffix == ".json":
            jsonschema.validate(json.loads(path.read_text()), schema)


def _path_taken(summary: MeetingSummary) -> str:
    """'model', or why the model's answer was replaced: 'truncated', 'ungrounded', 'invalid'."""
    provenance = summary.provenance
    if provenance.fallback_from is None:
        return "model"
    reason = provenance.warnings[0]
    if "max_tokens" in reason:
        return "truncated"
    if "not found in the source" in reason:
        return "ungrounded"
    return "invalid"


def _assert_model_result(summary: MeetingSummary, text: str, engine: EngineName) -> None:
    """The model's own answer: only possible when every item was found in the source."""
    assert summary.provenance.engine == engine.value
    assert summary.provenance.ungrounded_items == 0
    meeting = summary.meeting.evidence[0]
    assert text[meeting.start : meeting.end] == meeting.quote  # type: ignore[misc]
    for item in [*summary.participants, *summary.agenda_topics, *summary.frictions]:
        for evidence in item.evidence:
            assert evidence.match is not MatchKind.NONE
            assert evidence.start is not None
            assert evidence.end is not None
            assert text[evidence.start : evidence.end] == evidence.quote


def _assert_fallback(summary: MeetingSummary, engine: EngineName) -> None:
    """The model failed or invented: the extractive result, labelled, fully grounded."""
    provenance = summary.provenance
    assert (provenance.engine, provenance.fallback_from) == ("extractive", engine.value)
    assert provenance.warnings
    assert f"{engine.value} engine" in provenance.warnings[0]
    assert summary.grounded_share() == 1.0


def test_no_cassette_holds_anything_like_a_secret() -> None:
    """Keys, bearer tokens and cookies never reach a recording."""
    import re

    pattern = re.compile(
        r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+[A-Za-z0-9._-]{8,}|(?i:^\s*-?\s*(authorization|cookie|"
        r"set-cookie|api-key|openai-organization):)",
        re.MULTILINE,
    )
    cassettes = sorted((Path(__file__).parent / "cassettes").rglob("*.yaml"))
    assert cassettes, "the recorded suite has cassettes to scan"
    for cassette in cassettes:
        assert not pattern.search(cassette.read_text()), f"{cassette} holds a secret-like value"
