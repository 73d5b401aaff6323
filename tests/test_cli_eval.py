"""`summarize eval` end to end: summarize gold records, save, and re-score without a model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, chat_answer

GOLD = {
    "id": "lavrov",
    "published": "2021-05-12",
    "text": LAVROV_CALL,
    "gold": {
        "meeting": {
            "title_keywords": ["blinken", "lavrov"],
            "status": "held",
            "date": "2021-05-12",
            "location": None,
            "format": "phone",
        },
        "participants": [
            {"name": "Antony J. Blinken", "aliases": []},
            {"name": "Sergey Lavrov", "aliases": []},
        ],
        "mentioned_not_attending": ["Paul Whelan"],
        "topics": [{"label": "DPRK", "keywords": ["dprk"]}],
        "frictions": [{"issue": "detainees", "keywords": ["whelan", "detained"]}],
    },
}


def test_eval_scores_saves_and_rescores_without_a_model(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scores by the README rules; --predictions re-scores the saved summaries identically."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "lavrov.json").write_text(json.dumps(GOLD))
    endpoint_env.replies = [chat_answer(as_json(draft(date="2021-05-12")))]
    first = tmp_path / "first.json"
    code = main(["eval", str(gold_dir), "--save", str(tmp_path / "pred"), "--json", str(first)])
    assert code == 0
    figures = json.loads(first.read_text())["documents"][0]
    # Lavrov matched, Blinken missed: P 1/1, R 1/2. "detained Americans" hits "detained".
    assert figures["participants"]["f1"] == pytest.approx(2 / 3)
    assert figures["attendance"] == 1.0
    assert figures["topics"]["f1"] == 1.0
    assert figures["frictions"]["f1"] == 1.0
    assert (figures["status"], figures["format"], figures["date"]) == (True, True, True)
    assert "lavrov" in capsys.readouterr().out

    second = tmp_path / "second.json"
    requests_before = len(endpoint_env.requests)
    code = main(
        ["eval", str(gold_dir), "--predictions", str(tmp_path / "pred"), "--json", str(second)]
    )
    assert code == 0
    assert len(endpoint_env.requests) == requests_before
    assert json.loads(second.read_text()) == json.loads(first.read_text())


def test_eval_of_a_folder_without_records_is_a_usage_error(tmp_path: Path) -> None:
    """An empty gold folder exits 2 and says why."""
    assert main(["eval", str(tmp_path)]) == 2
