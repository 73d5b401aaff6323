"""The `summarize` command through its real entry point: exit codes, streams and files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from summarizer.cli import main
from summarizer.schema_export import schema_path
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, chat_answer


def _good(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(LAVROV_CALL, encoding="utf-8")
    return path


def test_a_good_folder_writes_valid_json_and_markdown_and_exits_0(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every document gets name.json (valid against schemas/) and name.md; exit code 0."""
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    _good(inputs, "a.txt")
    _good(inputs / "sub", "b.md")
    endpoint_env.replies = [chat_answer(as_json(draft()))] * 2
    code = main([str(inputs), "--out", str(tmp_path / "out")])
    assert code == 0
    schema = json.loads(schema_path().read_text())
    for name in ("a", "sub/b"):
        data = json.loads((tmp_path / "out" / f"{name}.json").read_text())
        jsonschema.validate(data, schema)
        assert (tmp_path / "out" / f"{name}.md").read_text().startswith("# Blinken-Lavrov call")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2 summarized, 0 failed" in captured.err


def test_a_mixed_folder_reports_each_bad_file_in_one_line_and_exits_1(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """Empty and binary files fail with a line naming them; the good one is still written."""
    _good(tmp_path, "good.txt")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    endpoint_env.replies = [chat_answer(as_json(draft()))]
    code = main([str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 1
    assert (tmp_path / "out" / "good.json").exists()
    assert not (tmp_path / "out" / "empty.json").exists()
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("blob.txt" in line and "binary" in line for line in errors)
    assert any("empty.txt" in line and "no text" in line for line in errors)
    assert not any("Traceback" in line for line in errors)


def test_jsonl_streams_one_summary_per_line_to_stdout_only(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format jsonl --no-files: stdout is pure JSON lines for jq, nothing is written."""
    _good(tmp_path, "a.txt")
    _good(tmp_path, "b.txt")
    endpoint_env.replies = [chat_answer(as_json(draft()))] * 2
    code = main([str(tmp_path), "--format", "jsonl", "--no-files", "--out", str(tmp_path / "o")])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["meeting"]["title"] for line in lines] == ["Blinken-Lavrov call"] * 2
    assert not (tmp_path / "o").exists()


def test_stdin_is_read_with_a_dash(
    tmp_path: Path, endpoint_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` summarizes standard input into out/stdin.json."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LAVROV_CALL.encode())))
    endpoint_env.replies = [chat_answer(as_json(draft()))]
    assert main(["-", "--out", str(tmp_path), "--quiet"]) == 0
    assert json.loads((tmp_path / "stdin.json").read_text())["provenance"]["source"] == "-"


def test_a_refused_key_stops_the_batch_after_the_first_document(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """401 is fatal: reported once, the remaining documents are skipped, exit code 1."""
    from tests.fake_openai import Reply

    for name in ("a.txt", "b.txt", "c.txt"):
        _good(tmp_path, name)
    endpoint_env.replies = [Reply(status=401, body={"error": {"message": "bad key"}})]
    code = main([str(tmp_path), "--out", str(tmp_path / "out"), "--concurrency", "1"])
    err = capsys.readouterr().err
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "refused the API key" in errors[0]
    assert "2 skipped (" in err
    assert len(endpoint_env.chat_requests()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["does/not/exist.txt"],
        ["x.txt", "--engine", "nonsense"],
        ["x.txt", "--max-tokens", "ten"],
        [],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Bad paths and bad flags are usage errors: exit code 2 and a message on stderr."""
    with pytest.raises(SystemExit) as caught:
        raise SystemExit(main(argv))
    assert caught.value.code == 2
    assert capsys.readouterr().err.strip()


def test_the_console_script_runs_as_a_module() -> None:
    """`python -m summarizer --version` works from a real process."""
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("summarize ")


def test_escape_sequences_in_names_and_titles_never_reach_the_terminal_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name holding an OSC title sequence and colour codes is shown with visible codes."""
    name = "talks\x1b]0;pwned\x07\x1b[31m.txt"
    (tmp_path / name).write_text("")
    assert main([str(tmp_path / name), "--no-files"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "\\x1b]0;pwned\\x07" in err
