"""`summarize eval` end to end: summarize gold records, save, and re-score without a model."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, chat_answer
from tests.hostile.gold import BAD_GOLD

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


def _gold_folder(folder: Path, ids: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for identifier in ids:
        (folder / f"{identifier}.json").write_text(json.dumps({**GOLD, "id": identifier}))
    return folder


def test_every_bad_gold_record_is_one_line_and_nothing_is_summarized(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """Missing fields, wrong types, duplicate or unsafe ids (tests/hostile/gold.py): exit 2
    before any model call or file, one line per record naming its file and what is wrong."""
    gold_dir = _gold_folder(tmp_path / "gold", ["lavrov"])
    for case in BAD_GOLD:
        record = copy.deepcopy({**GOLD, "id": case.name})
        case.spoil(record)
        (gold_dir / f"{case.name}.json").write_text(json.dumps(record))
    save, figures = tmp_path / "pred", tmp_path / "figures.json"
    code = main(["eval", str(gold_dir), "--save", str(save), "--json", str(figures)])
    err = capsys.readouterr().err
    assert code == 2
    for case in BAD_GOLD:
        lines = [line for line in err.splitlines() if f"{case.name}.json:" in line]
        assert len(lines) == 1, f"{case.name}: {lines}"
        assert case.expect in lines[0], lines[0]
    assert "lavrov.json:" not in err
    assert f"{len(BAD_GOLD)} bad gold records" in err
    assert "Traceback" not in err
    assert endpoint_env.chat_requests() == []
    assert not save.exists()
    assert not figures.exists()
    assert not (tmp_path / "victim.json").exists()


@pytest.mark.parametrize(
    ("flag", "make", "expect"),
    [
        ("--save", lambda path: path.write_text("x"), "is a file, not a folder"),
        ("--save", None, "results cannot be written there"),
        ("--json", lambda path: path.mkdir(), "is a folder"),
        ("--json", None, "cannot be written"),
    ],
    ids=["save-a-file", "save-unwritable", "json-a-folder", "json-unwritable"],
)
def test_outputs_that_cannot_be_written_fail_before_the_first_document(
    tmp_path: Path,
    endpoint_env: FakeOpenAI,
    capsys: pytest.CaptureFixture[str],
    flag: str,
    make: Callable[[Path], None] | None,
    expect: str,
) -> None:
    """--save an existing file or a folder nothing can be made in, --json a folder or a path
    nothing can be made in: exit 2 naming it and the flag, no model asked."""
    gold_dir = _gold_folder(tmp_path / "gold", ["lavrov"])
    if make is None:
        target = Path("/proc/summarizer-eval/out")  # nothing can be created under /proc
    else:
        target = tmp_path / "target"
        make(target)
    assert main(["eval", str(gold_dir), flag, str(target)]) == 2
    err = capsys.readouterr().err
    assert expect in err
    assert f"pass {flag}" in err
    assert "Traceback" not in err
    assert endpoint_env.chat_requests() == []


def test_a_summary_that_cannot_be_saved_is_named_and_the_scores_still_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder where ID.json should go: that file is named, the table and --json still come,
    exit 1."""
    gold_dir = _gold_folder(tmp_path / "gold", ["lavrov", "other"])
    save = tmp_path / "pred"
    (save / "lavrov.json").mkdir(parents=True)
    figures = tmp_path / "figures.json"
    code = main(["eval", str(gold_dir), "--save", str(save), "--json", str(figures)])
    captured = capsys.readouterr()
    assert code == 1
    assert "lavrov.json: not written" in captured.err
    assert "Traceback" not in captured.err
    assert "other" in captured.out
    assert (save / "other.json").is_file()
    assert len(json.loads(figures.read_text())["documents"]) == 2


def test_an_id_in_a_subfolder_is_saved_and_rescored_from_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Id "2021/lavrov" is saved as pred/2021/lavrov.json and --predictions finds it again."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps({**GOLD, "id": "2021/lavrov"}))
    save = tmp_path / "pred"
    assert main(["eval", str(gold_dir), "--save", str(save)]) == 0
    assert (save / "2021" / "lavrov.json").is_file()
    assert main(["eval", str(gold_dir), "--predictions", str(save)]) == 0
    assert "error" not in capsys.readouterr().err


def test_ids_with_markup_and_escapes_in_paths_show_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ids '[/bold]x' and '[red]r', predictions in a folder whose name holds an OSC title
    sequence: no MarkupError, brackets shown as written, the escape as a visible code."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for number, identifier in enumerate(["[/bold]x", "[red]r"]):
        (gold_dir / f"{number}.json").write_text(json.dumps({**GOLD, "id": identifier}))
    save = tmp_path / "pred\x1b]0;owned\x07"
    save.mkdir()
    code = main(["eval", str(gold_dir), "--predictions", str(save)])
    captured = capsys.readouterr()
    assert code == 1
    assert "[/bold]x" in captured.out
    assert "[red]r" in captured.out
    assert "error: [red]r: " in captured.err
    assert "pred\\x1b]0;owned\\x07" in captured.err
    assert "\x1b" not in captured.out + captured.err


def test_saved_predictions_of_an_unknown_schema_are_refused_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A summary claiming schema 99.0 scores zero with why and what to do, not as ours."""
    gold_dir = _gold_folder(tmp_path / "gold", ["lavrov"])
    save = tmp_path / "pred"
    assert main(["eval", str(gold_dir), "--save", str(save)]) == 0
    saved = json.loads((save / "lavrov.json").read_text())
    (save / "lavrov.json").write_text(json.dumps({**saved, "schema_version": "99.0"}))
    capsys.readouterr()
    assert main(["eval", str(gold_dir), "--predictions", str(save)]) == 1
    err = capsys.readouterr().err
    assert "'99.0' is not a schema this summarizer reads (1.x)" in err
    assert "summarize the source again" in err
