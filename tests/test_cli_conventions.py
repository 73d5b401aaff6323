"""The command line as people use it: pipes, stdin, narrow terminals, the cache, short flags,
mistyped flags, configuration mistakes and Ctrl-C, through the real entry point."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, Reply, chat_answer
from tests.hostile import MEETING

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# A bound on wall time that only a hang (or a retry loop left running) would pass: a busy machine
# must never fail a test, so how fast things are is measured by `make bench`, not asserted.
ONLY_A_HANG = 90.0


def run_cli(
    *arguments: str, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
        **options,  # type: ignore[arg-type]
    )


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`summarize seeds/ --format jsonl --no-files | head -1`: one line, a clean exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", str(SEEDS), "--format", "jsonl", "--no-files"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SUMMARIZER_CACHE": str(tmp_path / "c.sqlite")},
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    code = process.wait(timeout=120)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert json.loads(first)["meeting"]["title"]
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr
    assert code == 0


def test_json_over_several_documents_is_one_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json prints one valid JSON array for several documents, an object for one."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(MEETING)
    assert main([str(tmp_path), "--format", "json", "--no-files", "-q"]) == 0
    summaries = json.loads(capsys.readouterr().out)
    assert [type(s) for s in summaries] == [dict, dict]
    assert main([str(tmp_path / "a.txt"), "--format", "json", "--no-files", "-q"]) == 0
    assert "meeting" in json.loads(capsys.readouterr().out)


def test_standard_input_alone_answers_on_stdout_and_writes_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cat a.txt | summarize -`: the summary as JSON on stdout, no out/ folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MEETING.encode())))
    assert main(["-", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["provenance"]["source"] == "-"
    assert not (tmp_path / "out").exists()


def test_a_narrow_terminal_keeps_every_number_of_the_table(tmp_path: Path) -> None:
    """At 100 columns the titles are shortened, never the counts."""
    done = run_cli(
        str(SEEDS), "--no-files", env={"COLUMNS": "100", "SUMMARIZER_CACHE": str(tmp_path / "c")}
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stderr.splitlines() if line.startswith("│")]
    assert len(rows) == len(list(SEEDS.iterdir()))
    for row in rows:
        cells = [cell.strip() for cell in row.strip("│").split("│")]
        assert "…" not in "".join(cells[3:]), row
        assert "/" in cells[6], row  # grounded n/m


def test_results_from_the_cache_are_counted_and_marked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second run says how many came from the cache, and marks their rows."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(MEETING.replace("Monday", name))
    assert main([str(tmp_path), "--no-files"]) == 0
    capsys.readouterr()
    assert main([str(tmp_path), "--no-files"]) == 0
    err = capsys.readouterr().err
    assert "2 summarized (2 from cache), 0 failed" in err
    assert err.count("cached") >= 2


def test_published_dates_a_plain_text_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--published anchors 'today' in a text file, which has no date of its own."""
    (tmp_path / "a.txt").write_text("Minister Ana Silva met Minister Jonas Berg in Lisbon today.")
    assert (
        main(
            [
                str(tmp_path / "a.txt"),
                "--published",
                "2024-03-05",
                "--format",
                "json",
                "--no-files",
                "-q",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["meeting"]["date"] == "2024-03-05"


def test_an_html_page_is_dated_by_its_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article's published-time metadata anchors 'today' without any flag."""
    (tmp_path / "a.html").write_text(
        '<html><head><meta property="article:published_time" content="2023-11-15T08:00:00Z">'
        "</head><body><article><p>Minister Ana Silva met Minister Jonas Berg in Lisbon today. "
        "They discussed fisheries and energy links at length.</p></article></body></html>"
    )
    assert main([str(tmp_path / "a.html"), "--format", "json", "--no-files", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["meeting"]["date"] == "2023-11-15"


@pytest.mark.parametrize("published", ["2024-13-45", "yesterday", 20240305, ["2024-03-05"]])
def test_a_record_whose_published_date_is_not_a_date_fails_alone_naming_it(
    published: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As --published refuses a bad date, a record's bad `published` fails that record with
    one line naming the field; the record beside it is summarized and dated (exit 1)."""
    text = "Minister Ana Silva met Minister Jonas Berg in Lisbon today."
    (tmp_path / "bad.json").write_text(json.dumps({"text": text, "published": published}))
    (tmp_path / "good.json").write_text(json.dumps({"text": text, "published": "2024-03-05"}))
    out = tmp_path / "out"
    assert (
        main([str(tmp_path / "bad.json"), str(tmp_path / "good.json"), "-o", str(out), "-q"]) == 1
    )
    (line,) = [line for line in capsys.readouterr().err.splitlines() if "bad.json" in line]
    assert '"published"' in line
    assert "not a date like 2024-03-05" in line
    assert not (out / "bad.json").exists()
    assert json.loads((out / "good.json").read_text())["meeting"]["date"] == "2024-03-05"


UNREADABLE_DATE_PAGE = (
    '<html><head><meta property="article:published_time" content="2024-13-45"></head>'
    "<body><article><p>Minister Ana Silva met Minister Jonas Berg in Lisbon today. "
    "They discussed fisheries and energy links at length.</p></article></body></html>"
)


def test_a_page_whose_metadata_date_cannot_be_read_says_so_and_takes_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page dated '2024-13-45' was dated 2024-01-01 without a word (htmldate's guess from
    the year) and that guess beat --published: now --published dates it, and without it the
    guess is used with a warning in the summary's provenance."""
    (tmp_path / "a.html").write_text(UNREADABLE_DATE_PAGE)
    flags = ["--format", "json", "--no-files", "-q"]
    assert main([str(tmp_path / "a.html"), "--published", "2024-03-05", *flags]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["meeting"]["date"] == "2024-03-05"
    assert summary["provenance"]["warnings"] == []
    assert main([str(tmp_path / "a.html"), *flags]) == 0
    (warning,) = json.loads(capsys.readouterr().out)["provenance"]["warnings"]
    assert "no readable publication date" in warning
    assert "--published" in warning


def test_a_mistyped_flag_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    """`--modle` is a usage error that names --model."""
    with pytest.raises(SystemExit) as caught:
        main(["a.txt", "--modle", "x"])
    assert caught.value.code == 2
    assert "did you mean --model?" in capsys.readouterr().err


def test_help_lists_the_subcommands_and_short_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """eval, report and runs appear in --help, with -m, -o and -q."""
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for word in ("summarize eval", "summarize report", "summarize runs", "-m", "-o", "-q"):
        assert word in text


def test_key_on_the_command_line_beats_the_environment(
    tmp_path: Path, endpoint_env: FakeOpenAI
) -> None:
    """--key is sent, not OPENAI_API_KEY."""
    (tmp_path / "a.txt").write_text(LAVROV_CALL)
    endpoint_env.replies = [chat_answer(as_json(draft()))]
    assert (
        main([str(tmp_path / "a.txt"), "--key", "sk-from-the-flag-0000", "--no-files", "-q"]) == 0
    )
    assert (
        endpoint_env.chat_requests()[0]["headers"]["authorization"]
        == "Bearer sk-from-the-flag-0000"
    )


def test_runs_prints_json_for_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`summarize runs --json` and `runs N --json` give the ledger as JSON."""
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), "--no-files", "-q"]) == 0
    capsys.readouterr()
    assert main(["runs", "--json"]) == 0
    [run] = json.loads(capsys.readouterr().out)
    assert run["documents"] == 1
    assert main(["runs", str(run["id"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["outcome"] == "summarized"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--engine", "endpoint"], "needs --base-url"),
        (["--base-url", "localhost:8000/v1"], "not an http(s) address"),
        (["--base-url", "htp:/nonsense"], "not an http(s) address"),
        (["--concurrency", "0"], "concurrency=0 must be 1 or more"),
        (["--concurrency", "-2"], "concurrency=-2 must be 1 or more"),
    ],
)
def test_configuration_mistakes_fail_at_once_with_the_fix(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    """Exit 2 and one line with the fix, without waiting on any endpoint first."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_API_KEY", "SUMMARIZER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "a.txt").write_text(MEETING)
    started = time.monotonic()
    assert main([str(tmp_path / "a.txt"), *arguments]) == 2
    assert time.monotonic() - started < ONLY_A_HANG
    assert message in capsys.readouterr().err


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_dead_endpoint_fails_the_run_at_the_probe_with_one_line(tmp_path: Path) -> None:
    """Nothing listening: the probe fails (not a document's retries), one error line, the rest
    skipped, exit 1."""
    for number in range(6):
        (tmp_path / f"d{number}.txt").write_text(MEETING)
    started = time.monotonic()
    done = run_cli(
        str(tmp_path),
        "--no-files",
        "--base-url",
        f"http://127.0.0.1:{closed_port()}/v1",
        env={"SUMMARIZER_CACHE": "off", "SUMMARIZER_ENGINE": "auto"},
    )
    assert time.monotonic() - started < ONLY_A_HANG
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    assert "cannot reach" in errors[0]
    assert "5 skipped" in done.stderr


def test_ctrl_c_ends_a_run_stuck_on_a_silent_server_cleanly(
    tmp_path: Path, fake_server: FakeOpenAI
) -> None:
    """A server that answers one document and never the others: one or two Ctrl-C end the run
    with exit 130, no traceback, no 'Task was destroyed', the answered document's files whole
    and no temporary left (how promptly is a figure of `make bench`, not asserted here)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(4):
        (inputs / f"d{number}.txt").write_text(LAVROV_CALL)
    env = {
        **os.environ,
        "SUMMARIZER_CACHE": "off",
        "SUMMARIZER_FALLBACK": "no",
        "SUMMARIZER_ENDPOINT_KIND": "openai",
        "SUMMARIZER_ENGINE": "auto",  # with --base-url: the endpoint
    }
    for presses in (1, 2):
        out = tmp_path / f"out{presses}"
        fake_server.replies = [chat_answer(as_json(draft()))]
        fake_server.default = Reply(delay=3600)
        command = [
            *(sys.executable, "-m", "summarizer", str(inputs), "--out", str(out)),
            *("--base-url", fake_server.base_url, "-m", "scripted"),
        ]
        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            len(fake_server.chat_requests()) == 4 and list(out.glob("*.md"))
        ):
            time.sleep(0.05)
        try:
            for _ in range(presses):
                process.send_signal(signal.SIGINT)
                time.sleep(0.05)
            code = process.wait(timeout=ONLY_A_HANG)
        finally:
            process.kill()  # a hung run must not outlive the test
        stderr = process.stderr.read() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        assert code == 130, stderr
        assert "Traceback" not in stderr
        assert "Task was destroyed" not in stderr
        [written] = out.glob("*.json")
        assert json.loads(written.read_text())["meeting"]["title"]
        assert written.with_suffix(".md").read_text().strip()
        assert sorted(p.suffix for p in out.iterdir()) == [".json", ".md"]  # no temporary
        fake_server.requests.clear()


@pytest.mark.parametrize("out", [".", "out"])
def test_inputs_that_are_all_inside_the_output_folder_are_named_as_the_cause(
    out: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`summarize . -o .` (or `summarize out`, the default output folder) reads nothing: exit 2
    saying the documents are inside the output folder and how to fix it, not "none found"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "talks.txt").write_text(MEETING)
    arguments = [".", "--out", "."] if out == "." else ["out"]
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert "inside the output folder" in err
    assert "--out" in err
    assert "no .txt" not in err
