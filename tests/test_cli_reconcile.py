"""`summarize DIR --reconcile` and `summarize eval` on group files, through the real entry
point with the extractive engine: files written, what is said, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from summarizer.cli import main
from summarizer.schema_export import RECONCILED_SCHEMA_FILE, schema_path
from tests.reports import OTHER, READOUT, WIRE

EXTRACTIVE = ["--engine", "extractive", "--no-cache"]


def _inputs(folder: Path, *records: dict[str, str]) -> Path:
    folder.mkdir()
    for record in records:
        (folder / f"{record['id']}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def test_reconcile_writes_one_valid_meeting_per_group_and_names_the_one_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two reports of one meeting make meetings/<slug>.json (valid against the schema) and
    .md; the report of another meeting is named as alone; exit 0."""
    inputs = _inputs(tmp_path / "in", READOUT, WIRE, OTHER)
    out = tmp_path / "out"
    assert main([str(inputs), "-o", str(out), "--reconcile", "-q", *EXTRACTIVE]) == 0
    (meeting_file,) = (out / "meetings").glob("*.json")
    assert meeting_file.name == "berg-reyes-karsk-city-2024-05-14.json"
    data = json.loads(meeting_file.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path(RECONCILED_SCHEMA_FILE).read_text()))
    assert [s["name"] for s in data["sources"]] == ["readout", "wire"]
    assert data["sources"][1]["publisher"] == "Karsk Press Agency"
    markdown = meeting_file.with_suffix(".md").read_text(encoding="utf-8")
    assert markdown.startswith("# ")
    assert "\u201cReyes warned Valdoria over the border fence.\u201d" in markdown
    err = capsys.readouterr().err
    assert f"meeting: {meeting_file}" in err
    assert "grouped because: 2 reports; took part by two or more: Anna Berg, Tomas Reyes" in err
    assert "1 document(s) report a meeting no other does: other" in err


def test_a_run_where_every_report_tells_another_meeting_writes_no_meetings_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A group of one is no reconciled meeting: no meetings/ folder, one line saying why."""
    inputs = _inputs(tmp_path / "in", READOUT, OTHER)
    out = tmp_path / "out"
    assert main([str(inputs), "-o", str(out), "--reconcile", "-q", *EXTRACTIVE]) == 0
    assert not (out / "meetings").exists()
    assert (out / "readout.json").exists()
    err = capsys.readouterr().err
    assert "no two of the 2 documents report the same meeting; no meetings/ file written" in err


def test_reconcile_with_no_files_to_write_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--reconcile writes OUT/meetings/, so --no-files with it stops at once with exit 2."""
    inputs = _inputs(tmp_path / "in", READOUT, WIRE)
    assert main([str(inputs), "--no-files", "--reconcile", *EXTRACTIVE]) == 2
    assert "--reconcile writes OUT/meetings/" in capsys.readouterr().err


def _group_file(folder: Path) -> Path:
    folder.mkdir()
    group = {
        "id": "berg-reyes-2024-05",
        "meeting": "Berg and Reyes, Karsk City, 14 May 2024",
        "documents": [{**READOUT, "gold": {}}, {**WIRE, "gold": {}}],
        "gold": {
            "participants": [
                {"name": "Anna Berg", "aliases": [], "sources": ["readout", "wire"]},
                {"name": "Tomas Reyes", "aliases": [], "sources": ["readout", "wire"]},
            ],
            "topics": [
                {"label": "fisheries", "keywords": ["fisheries"], "sources": ["readout", "wire"]}
            ],
            "frictions": [],
            "differences": [
                {
                    "about": "tone",
                    "kind": "emphasis",
                    "keywords": ["fruitful", "constructive"],
                    "accounts": [
                        {"source": "readout", "quote": "The talks were candid and constructive."},
                        {"source": "wire", "quote": "Both sides called the talks fruitful."},
                    ],
                    "silent": [],
                }
            ],
        },
    }
    (folder / "berg-reyes-2024-05.json").write_text(json.dumps(group), encoding="utf-8")
    return folder


def test_eval_on_group_files_scores_the_reconciled_meetings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of group files is scored as reconciliation, pooled with a folder of single
    records of other meetings: the group is found exactly and its difference with both quotes."""
    groups = _group_file(tmp_path / "groups")
    others = _inputs(tmp_path / "others", {**OTHER, "gold": {}})  # type: ignore[dict-item]
    figures = tmp_path / "figures.json"
    argv = ["eval", str(groups), str(others), "--engine", "extractive", "--json", str(figures)]
    assert main(argv) == 0
    (pool,) = json.loads(figures.read_text(encoding="utf-8"))
    (group,) = pool["groups"]
    assert group["exact"] is True
    assert group["participants_sources"]["f1"] == 1.0
    assert (group["differences_found"], group["differences_total"]) == (1, 1)
    assert pool["singles_apart"] == 1.0
    assert "berg-reyes-2024-05" in capsys.readouterr().out


def test_the_report_rebuilt_from_saved_files_shows_the_reconciled_meetings_again(
    tmp_path: Path,
) -> None:
    """`summarize report OUT` puts the meetings/ files back above the documents."""
    inputs = _inputs(tmp_path / "in", READOUT, WIRE)
    out = tmp_path / "out"
    assert main([str(inputs), "-o", str(out), "--reconcile", "-q", *EXTRACTIVE]) == 0
    assert main(["report", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'data-slug="berg-reyes-karsk-city-2024-05-14"' in page
    assert page.index("Meetings told by several documents") < page.index('class="index"')
