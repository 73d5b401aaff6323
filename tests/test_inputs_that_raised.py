"""Inputs that once raised from deep inside a library or a rule, each read now: a lone
surrogate, JSON nested past the parser's depth, a file name that is not UTF-8, days counted off
the calendar's ends, a folder tree deeper than Python's recursion limit, friction cues with no
object words."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.nlp.reading import read

MEETING = (
    "Foreign Minister Ana Silva met with Foreign Minister Jonas Berg in Lisbon on Sunday. "
    "They discussed fisheries, energy links and migration. Minister Berg raised concerns "
    "about new tariffs on Nordic salmon."
)


def run_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    return code, capsys.readouterr().err


def test_a_record_holding_a_lone_surrogate_is_summarized(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON string may hold half a UTF-16 pair ("\\ud800"): it is read as U+FFFD, one
    character for one, so the other offsets still point into the text."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.json").write_text(json.dumps({"text": f"{MEETING} \ud800 End."}))
    code, stderr = run_folder(tmp_path, capsys)
    assert code == 0, stderr
    summary = json.loads((tmp_path / "out" / "r.json").read_text())
    quote = summary["meeting"]["evidence"][0]
    assert MEETING[quote["start"] : quote["end"]] == quote["quote"]


def test_a_record_nested_beyond_the_parsers_depth_is_one_line_and_the_others_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON record 100,000 levels deep: one line naming it, the next document summarized."""
    (tmp_path / "in").mkdir()
    depth = 100_000
    (tmp_path / "in" / "deep.json").write_text(
        '{"text": "x", "a": ' + "[" * depth + "]" * depth + "}"
    )
    (tmp_path / "in" / "good.txt").write_text(MEETING)
    code, stderr = run_folder(tmp_path, capsys)
    assert code == 1
    assert "deep.json: JSON nested too deeply" in stderr
    assert (tmp_path / "out" / "good.json").exists()
    assert "Traceback" not in stderr


def test_a_file_name_that_is_not_utf8_is_summarized_and_named_with_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`a\\xff.txt`: the summary's source names it with the escape, the output is written."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"a\xff.txt"), "wb") as file:
        file.write(MEETING.encode())
    code, stderr = run_folder(tmp_path, capsys)
    assert code == 0, stderr
    (written,) = (tmp_path / "out").glob("*.json")
    assert json.loads(written.read_text())["provenance"]["source"].endswith("a\\xff.txt")


@pytest.mark.parametrize(
    ("published", "sentence"),
    [
        ("0001-01-01", "Minister Ana Silva met Minister Jonas Berg in Lisbon on Sunday."),
        ("0001-01-01", "Minister Ana Silva met Minister Jonas Berg in Lisbon yesterday."),
        ("9999-12-31", "Minister Ana Silva will meet Minister Jonas Berg in Lisbon next Friday."),
    ],
)
def test_a_day_counted_past_the_calendars_edge_gives_no_date_instead_of_a_crash(
    published: str, sentence: str
) -> None:
    """A meeting held the Sunday before 1 January of year 1, or one to come the Friday after
    31 December 9999, has no ISO date: null, and the rest is read."""
    reading = read(sentence, published)
    assert reading.facts is not None
    assert reading.facts.date is None
    assert reading.facts.location == "Lisbon"


def test_a_folder_tree_deeper_than_pythons_recursion_limit_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1,200 nested folders: the top-level file and the deepest one are both summarized."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "top.txt").write_text(MEETING)
    deepest = folder
    for _ in range(max(1200, sys.getrecursionlimit() + 200)):
        deepest = deepest / "d"
        deepest.mkdir()  # one at a time: os.makedirs recurses too
    (deepest / "bottom.txt").write_text(MEETING)
    try:
        code, stderr = run_folder(tmp_path, capsys)
        assert code == 0, stderr
        assert (tmp_path / "out" / "top.json").exists()
        assert "2 summarized" in stderr
    finally:  # shutil.rmtree (pytest's clean-up) recurses once per level too
        remove_deep_tree(folder / "d")
        remove_deep_tree(tmp_path / "out" / "d")


def remove_deep_tree(top: Path) -> None:
    """Delete a chain of single folders, deepest first, without recursion."""
    chain = []
    while top.is_dir():
        chain.append(top)
        top = top / "d"
    for folder in reversed(chain):
        for child in folder.iterdir():
            if not child.is_dir():
                child.unlink()
        folder.rmdir()


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides clashed on Friday.",
        "Berg objected at their annual congress.",
        "Berg rejected it at the summit.",
        "Berg voiced concern on Friday.",
    ],
)
def test_a_friction_cue_followed_only_by_when_or_where_is_read(sentence: str) -> None:
    """A cue whose phrases are all asides (a time, the meeting itself) has no object words:
    the friction is still read, labelled from the sentence."""
    reading = read(
        f"Minister Ana Silva met Minister Jonas Berg in Lisbon on Monday. {sentence}", None
    )
    assert reading.frictions
