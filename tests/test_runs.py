"""Many documents: the result cache, the run ledger, concurrency, and resuming a killed run."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.batch import WINDOW_PER_WORKER
from summarizer.cache import ResultCache
from summarizer.cli import main
from summarizer.ledger import Ledger
from summarizer.output import sweep_temporaries
from summarizer.readers import discover
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, Reply, chat_answer

Make = Callable[..., Summarizer]
GOOD = chat_answer(as_json(draft()))
# Longer than any process takes to end, far shorter than one left running for ever.
ONLY_A_HANG = 90.0


def _chat_count(fake: FakeOpenAI) -> int:
    return len(fake.chat_requests())


def test_a_second_run_over_unchanged_text_calls_no_model(
    make_summarizer: Make, fake_server: FakeOpenAI, private_cache: Path
) -> None:
    """Same text and settings: the stored summary comes back, marked, under the new source."""
    fake_server.default = GOOD
    with make_summarizer(cache_path=str(private_cache)) as first:
        original = first.summarize(LAVROV_CALL, source="a.txt")
    with make_summarizer(cache_path=str(private_cache)) as second:
        again = second.summarize(LAVROV_CALL, source="copy/a.txt")
    assert _chat_count(fake_server) == 1
    assert again.provenance.from_cache
    assert not original.provenance.from_cache
    assert again.provenance.source == "copy/a.txt"
    assert again.participants == original.participants


@pytest.mark.parametrize(
    "change",
    [
        {"model": "another-model"},
        {"max_tokens": 999},
        {"max_reasks": 1},
        {"assist": True},
        {"refresh": True},
    ],
    ids=lambda change: next(iter(change)),
)
def test_each_setting_that_shapes_the_answer_is_part_of_the_key(
    make_summarizer: Make, fake_server: FakeOpenAI, private_cache: Path, change: dict[str, object]
) -> None:
    """Changing the model, token cap, re-asks or assist (or asking to refresh) is a miss."""
    fake_server.default = GOOD
    with make_summarizer(cache_path=str(private_cache)) as first:
        first.summarize(LAVROV_CALL)
    with make_summarizer(cache_path=str(private_cache), **change) as second:
        summary = second.summarize(LAVROV_CALL)
    assert _chat_count(fake_server) == 2
    assert not summary.provenance.from_cache


def test_other_text_or_publication_date_is_a_miss(
    make_summarizer: Make, fake_server: FakeOpenAI, private_cache: Path
) -> None:
    """A changed text or a new publication date (it anchors dates) is summarized anew."""
    fake_server.default = GOOD
    with make_summarizer(cache_path=str(private_cache)) as summarizer:
        summarizer.summarize(LAVROV_CALL)
        summarizer.summarize(LAVROV_CALL + " ")
        summarizer.summarize(LAVROV_CALL, published="2021-05-12")
        summarizer.summarize(LAVROV_CALL, published="2021-05-12")
    assert _chat_count(fake_server) == 3


def test_a_corrupted_cache_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    """A file that is not a database is renamed, a new cache is made, and the caller is told."""
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = ResultCache(path)
    assert cache.enabled
    assert "was not a SQLite database" in cache.warnings[0]
    assert len(list(tmp_path.glob("cache.sqlite.corrupt-*"))) == 1
    cache.close()


def test_the_ledger_counts_documents_failures_cache_hits_and_tokens(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """`summarize runs` shows each run: two documents, then the same two from the cache."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(LAVROV_CALL)
    (tmp_path / "c.txt").write_text("")
    endpoint_env.default = GOOD
    args = [str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]
    assert main(args) == 1
    assert main(args) == 1
    capsys.readouterr()
    assert main(["runs", "--cache", os.environ["SUMMARIZER_CACHE"]]) == 0
    table = capsys.readouterr().out
    rows = [line for line in table.splitlines() if "endpoint" in line]
    assert len(rows) == 2
    newest, oldest = (line.split("│") for line in rows)
    assert [cell.strip() for cell in oldest[5:9]] == ["3", "1", "0", "300"]
    assert [cell.strip() for cell in newest[5:9]] == ["3", "1", "2", "0"]


def test_documents_run_concurrently_and_come_back_in_input_order(
    make_summarizer: Make, fake_server: FakeOpenAI, tmp_path: Path
) -> None:
    """Four workers: four requests at once at the server, never more; results keep the input
    order."""
    names = [f"doc{n}.txt" for n in range(6)]
    for number, name in enumerate(names):
        (tmp_path / name).write_text(f"{LAVROV_CALL} Note {number}.")
    fake_server.default = Reply(body=GOOD.body, delay=0.3)
    summarizer = make_summarizer(concurrency=4)
    results = list(summarizer.summarize_many(discover([str(tmp_path)]), out_dir=tmp_path / "out"))
    assert [r.spec.name for r in results] == [n.removesuffix(".txt") for n in names]
    assert all(r.ok for r in results)
    assert fake_server.most_in_flight == 4


def test_async_callers_share_the_endpoint_concurrently(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """`asummarize` from the caller's own event loop: three documents in flight together."""
    import asyncio

    fake_server.default = Reply(body=GOOD.body, delay=0.3)
    summarizer = make_summarizer()

    async def three() -> list[str]:
        texts = [f"{LAVROV_CALL} Note {n}." for n in range(3)]
        summaries = await asyncio.gather(*(summarizer.asummarize(t) for t in texts))
        return [s.provenance.sha256 for s in summaries]

    assert len(set(asyncio.run(three()))) == 3
    assert fake_server.most_in_flight == 3


def test_a_killed_run_is_finished_by_the_next_without_redoing_work(
    tmp_path: Path, fake_server: FakeOpenAI, private_cache: Path
) -> None:
    """Kill the CLI mid-run: finished files are whole, nothing is half-written, and the re-run
    asks the model only for the documents that were not done."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(4):
        (inputs / f"doc{number}.txt").write_text(f"{LAVROV_CALL} Note {number}.")
    fake_server.default = Reply(body=GOOD.body, delay=1.0)
    env = {
        **os.environ,
        "OPENAI_BASE_URL": fake_server.base_url,
        "OPENAI_API_KEY": "sk-test-not-a-real-key-000000",
        "SUMMARIZER_MODEL": "scripted",
        "SUMMARIZER_ENDPOINT_KIND": "openai",
        "SUMMARIZER_CACHE": str(private_cache),
        "SUMMARIZER_CONCURRENCY": "1",
        "SUMMARIZER_FALLBACK": "no",
        "SUMMARIZER_ENGINE": "auto",  # with an endpoint configured: the endpoint
    }
    out = tmp_path / "out"
    command = [sys.executable, "-m", "summarizer", str(inputs), "--out", str(out), "--quiet"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / "doc0.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = sorted(p.name for p in out.glob("*.json"))
    assert done
    assert len(done) < 4
    for path in out.glob("*.json"):
        json.loads(path.read_text())  # every file there is whole
        assert path.with_suffix(".md").exists()  # and its pair is beside it
    asked_before = _chat_count(fake_server)
    finished = subprocess.run(command, env=env, stderr=subprocess.DEVNULL, check=False)
    assert finished.returncode == 0
    assert len(list(out.glob("*.json"))) == 4
    assert _chat_count(fake_server) - asked_before == 4 - len(done)
    # A kill mid-write can leave a temporary; the next run removes those of dead processes.
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_temporary_of_a_live_process_is_left_alone(tmp_path: Path) -> None:
    """Two runs on one --out: the sweep removes only temporaries whose writer is gone."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".a.json.{dead.stdout.strip()}.x1y2.tmp"
    live = tmp_path / f".b.json.{os.getppid()}.x1y2.tmp"
    stale.write_text("{")
    live.write_text("{")
    assert sweep_temporaries(tmp_path) == [stale]
    assert live.exists()


def test_ctrl_c_lets_running_documents_finish_and_starts_no_more(
    tmp_path: Path, endpoint_env: FakeOpenAI
) -> None:
    """SIGINT with two of four documents at the server: those two are written, the other two are
    never asked for, and the exit status says the run was interrupted."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(4):
        (inputs / f"doc{number}.txt").write_text(f"{LAVROV_CALL} Note {number}.")
    endpoint_env.default = Reply(body=GOOD.body, delay=1.0)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "summarizer", str(inputs), "--out", str(out)]
    process = subprocess.Popen([*command, "--concurrency", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while endpoint_env.in_flight < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in stderr
    assert sorted(p.name for p in out.glob("*.json")) == ["doc0.json", "doc1.json"]
    assert _chat_count(endpoint_env) == 2


def _three_documents(folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"{LAVROV_CALL} ({name})")
    return [str(folder), "--out", str(folder / "out"), "--concurrency", "1"]


def test_a_document_over_the_token_budget_stops_the_run_cleanly(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """150 tokens against --max-tokens-per-doc 100: that document is kept, the rest skipped."""
    endpoint_env.default = GOOD
    code = main([*_three_documents(tmp_path), "--max-tokens-per-doc", "100"])
    err = capsys.readouterr().err
    assert code == 1
    assert "2 skipped" in err
    assert "--max-tokens-per-doc 100" in err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.json"]
    assert _chat_count(endpoint_env) == 1


def test_the_cost_budget_stops_the_run_once_passed(
    tmp_path: Path,
    endpoint_env: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """At $0.001 a document (100+50 tokens at $5/$10 per 1M), --max-cost 0.0015 stops after two."""
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"scripted": [5.0, 10.0]}))
    monkeypatch.setenv("SUMMARIZER_PRICES", str(prices))
    endpoint_env.default = GOOD
    code = main([*_three_documents(tmp_path / "docs"), "--max-cost", "0.0015"])
    err = capsys.readouterr().err
    assert code == 1
    assert "estimated cost $0.0020 passed --max-cost $0.0015" in err
    assert _chat_count(endpoint_env) == 2
    assert main(["runs"]) == 0
    assert "$0.0020" in capsys.readouterr().out


def test_a_cost_budget_for_a_model_without_a_price_is_a_usage_error(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    """No price, no enforceable budget: exit 2 before any model call, naming the fix."""
    code = main([*_three_documents(tmp_path), "--max-cost", "1"])
    assert code == 2
    assert "SUMMARIZER_PRICES" in capsys.readouterr().err
    assert _chat_count(endpoint_env) == 0


def test_a_large_extractive_batch_runs_in_worker_processes(tmp_path: Path) -> None:
    """From PROCESSES_FROM documents on, the extractive engine runs in one process per worker,
    with the same results as in-process; closing the Summarizer stops the workers."""
    import multiprocessing

    from summarizer import Settings
    from summarizer.config import EngineName
    from summarizer.pipeline import PROCESSES_FROM

    for number in range(PROCESSES_FROM):
        (tmp_path / f"doc{number:02d}.txt").write_text(f"{LAVROV_CALL} Note {number}.")
    specs = discover([str(tmp_path)])
    settings = Settings(engine=EngineName.EXTRACTIVE, concurrency=2, cache_path=None)
    with Summarizer(settings) as alone:
        expected = [r.summary for r in alone.summarize_many(specs[:3], out_dir=None)]
        assert multiprocessing.active_children() == []
    with Summarizer(settings) as spread:
        results = list(spread.summarize_many(specs, out_dir=None))
        assert len(multiprocessing.active_children()) == 2
    assert multiprocessing.active_children() == []
    assert all(r.ok for r in results)
    for got, want in zip([r.summary for r in results[:3]], expected, strict=True):
        assert got is not None
        assert want is not None
        assert got.model_dump(exclude={"provenance"}) == want.model_dump(exclude={"provenance"})


@pytest.mark.parametrize(("cores", "expected"), [(2, 2), (64, 50)])
def test_worker_processes_are_capped_at_the_cores_and_the_documents(
    monkeypatch: pytest.MonkeyPatch, cores: int, expected: int
) -> None:
    """SUMMARIZER_CONCURRENCY=10**9 over 50 documents starts a process per core, not per asked
    worker, and never more processes than documents, however many cores there are."""
    import summarizer.config as config
    from summarizer import Settings
    from summarizer.config import EngineName
    from summarizer.engines.extractive import ExtractiveEngine
    from summarizer.pipeline import PROCESSES_FROM
    from summarizer.readers import InputSpec

    monkeypatch.setattr(config, "cores", lambda: cores)
    specs = [InputSpec(path=Path(f"d{n}.txt"), name=f"d{n}") for n in range(PROCESSES_FROM)]
    settings = Settings(engine=EngineName.EXTRACTIVE, concurrency=10**9, cache_path=None)
    with Summarizer(settings) as summarizer:
        summarizer.summarize_many(specs, out_dir=None)  # says how many follow; none runs yet
        engine = summarizer.engine
        assert isinstance(engine, ExtractiveEngine)
        assert engine.processes == expected


# A run of PROCESSES_FROM documents on two worker processes, for a test to kill.
_SPREAD_RUN = """
import sys
from summarizer import Settings, Summarizer
from summarizer.readers import discover
settings = Settings(engine="extractive", concurrency=2, cache_path=None)
with Summarizer(settings) as summarizer:
    for _ in summarizer.summarize_many(discover([sys.argv[1]]), out_dir=None):
        pass
"""


def _children(pid: int) -> set[int]:
    """The processes `pid` started (from any of its threads) that are still its children."""
    found: set[int] = set()
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found |= {int(child) for child in listing.read_text().split()}
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("after", [0.0, 0.8])
def test_a_run_killed_while_its_workers_start_leaves_no_process_behind(
    tmp_path: Path, after: float
) -> None:
    """SIGKILL of the run the moment its worker processes appear, or while they load spaCy:
    every process it started ends soon after (none lives on under PID 1)."""
    from summarizer.pipeline import PROCESSES_FROM

    for number in range(PROCESSES_FROM):
        (tmp_path / f"doc{number:02d}.txt").write_text(f"{LAVROV_CALL} Note {number}.")
    run = subprocess.Popen([sys.executable, "-c", _SPREAD_RUN, str(tmp_path)])
    started: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(started) < 2 and time.monotonic() < deadline:
            started = {
                child
                for child in _children(run.pid)
                if b"spawn_main" in _read(Path(f"/proc/{child}/cmdline"))
            }
            time.sleep(0.005)
        assert len(started) == 2, "the run started no worker processes"
        time.sleep(after)
        started |= _children(run.pid)  # the resource tracker too
        run.kill()
        run.wait()
        deadline = time.monotonic() + ONLY_A_HANG
        while any(_running(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in started if _running(pid)] == []
    finally:
        run.kill()
        for pid in started:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_the_ledger_has_a_line_per_model_call(
    make_summarizer: Make,
    fake_server: FakeOpenAI,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A 503 waited out, an invalid answer, its re-ask (an invented name), the grounding re-ask:
    four calls, each with what it was for, its status, how it ended and its tokens."""
    (tmp_path / "call.txt").write_text(LAVROV_CALL)
    fake_server.replies = [
        Reply(status=503, body={"error": "busy"}),
        chat_answer("{not json"),
        chat_answer(as_json(draft(participant="Lian Ma"))),
        GOOD,
    ]
    summarizer = make_summarizer(cache_path=str(tmp_path / "cache.sqlite"))
    [result] = summarizer.summarize_many(discover([str(tmp_path / "call.txt")]), out_dir=None)
    assert result.ok
    ledger = Ledger(tmp_path / "cache.sqlite")  # read as `summarize runs` does
    run = ledger.runs(1)[0].id
    lines = [(c.number, c.purpose, c.status, c.outcome) for c in ledger.calls(run)]
    assert lines == [
        (1, "answer", "503", "retried"),
        (2, "answer", "200", "invalid"),
        (3, "re-ask", "200", "ok"),
        (4, "grounding re-ask", "200", "ok"),
    ]
    calls = ledger.calls(run)
    assert [(c.prompt_tokens, c.completion_tokens) for c in calls] == [(0, 0)] + [(100, 50)] * 3
    assert "JSON" in (calls[1].error or "")
    assert all(c.seconds is not None and c.seconds >= 0 for c in calls)
    ledger.close()
    assert main(["runs", str(run), "--cache", str(ledger.path)]) == 0
    shown = capsys.readouterr().out
    assert "grounding re-ask" in shown
    assert "retried" in shown


def test_a_run_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, endpoint_env: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(LAVROV_CALL)
    endpoint_env.default = GOOD
    assert main([str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert main(["runs", "999", "--cache", os.environ["SUMMARIZER_CACHE"]]) == 2
    assert "no run 999" in capsys.readouterr().err


def test_a_batch_hands_the_loop_a_window_of_documents_not_all_of_them(
    make_summarizer: Make,
    fake_server: FakeOpenAI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """30 documents at concurrency 2: at most 4 per worker are started ahead of the one being
    yielded, so a batch of any size holds a bounded number of results; all come back in order."""
    fake_server.default = GOOD
    for number in range(30):
        (tmp_path / f"doc{number:02}.txt").write_text(LAVROV_CALL)
    summarizer = make_summarizer(concurrency=2)
    submitted: list[object] = []
    # The bound is internal: observe it where the batch hands documents to the loop.
    submit = summarizer._loop.submit

    def counting(coroutine: object) -> object:
        submitted.append(coroutine)
        return submit(coroutine)  # type: ignore[arg-type]

    monkeypatch.setattr(summarizer._loop, "submit", counting)
    ahead, names = 0, []
    for yielded, result in enumerate(
        summarizer.summarize_many(discover([str(tmp_path)]), out_dir=None)
    ):
        ahead = max(ahead, len(submitted) - yielded - 1)
        names.append(result.spec.name)
        assert result.ok
    assert ahead <= WINDOW_PER_WORKER * 2
    assert names == [f"doc{number:02}" for number in range(30)]


def _ledger(tmp_path: Path) -> Path:
    """A cache file whose ledger holds one run of one document."""
    (tmp_path / "a.txt").write_text(LAVROV_CALL)
    path = tmp_path / "ledger.sqlite"
    assert main([str(tmp_path / "a.txt"), "--cache", str(path), "--no-files", "--quiet"]) == 0
    return path


def _edit(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_runs_on_a_file_that_is_not_sqlite_says_so_and_renames_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only command leaves the file where it is, as it is: exit 2 naming it and the fix."""
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    assert main(["runs", "--cache", str(path)]) == 2
    assert "not a SQLite database, so not the run ledger; pass --cache" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert path.read_text() == "not a database"


def test_runs_on_another_sqlite_database_says_so_and_adds_no_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Some other program's database, or a runs table of another shape: exit 2 saying what is
    missing; the database is not given the ledger's tables."""
    other = tmp_path / "other.db"
    _edit(other, "CREATE TABLE t (x)")
    shaped = tmp_path / "shaped.db"
    _edit(shaped, "CREATE TABLE runs (a)")
    assert main(["runs", "--cache", str(other)]) == 2
    assert "not the run ledger (no table runs)" in capsys.readouterr().err
    assert main(["runs", "--cache", str(shaped)]) == 2
    assert "not the run ledger (runs has no id)" in capsys.readouterr().err
    with sqlite3.connect(other) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    connection.close()
    assert tables == [("t",)]


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) is missing")
def test_runs_lists_a_ledger_in_a_folder_nobody_can_write(tmp_path: Path) -> None:
    """As a user the permissions apply to: a read-only ledger in a read-only folder is listed,
    not shown as an empty table."""
    folder = tmp_path / "locked"
    folder.mkdir()
    path = _ledger(folder)
    path.chmod(0o444)
    folder.chmod(0o555)
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    command = [*(prefix if os.geteuid() == 0 else []), sys.executable, "-m", "summarizer"]
    try:
        done = subprocess.run(
            [*command, "runs", "--cache", str(path), "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert [run["engine"] for run in json.loads(done.stdout)] == ["extractive"]


def test_run_numbers_sqlite_cannot_hold_are_no_such_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`runs 10**30` is no run (exit 2), `--last 10**30` lists every run, `--last 0` is a usage
    error: no OverflowError."""
    path = str(_ledger(tmp_path))
    huge = str(10**30)
    capsys.readouterr()
    assert main(["runs", huge, "--cache", path]) == 2
    assert main(["runs", huge, "--cache", path, "--json"]) == 2
    assert f"no run {huge}" in capsys.readouterr().err
    assert main(["runs", "--last", huge, "--cache", path]) == 0
    assert "extractive" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["runs", "--last", "0", "--cache", path])
    assert usage.value.code == 2


@pytest.mark.parametrize("started", ["'yesterday'", "1e300", "9e999"])
def test_a_start_time_no_calendar_can_show_is_a_question_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], started: str
) -> None:
    """A `started` of 'yesterday', 1e300 or infinity in the ledger: the run is listed with '?',
    and --json still prints valid JSON."""
    path = _ledger(tmp_path)
    _edit(path, f"UPDATE runs SET started = {started}")
    capsys.readouterr()
    assert main(["runs", "--cache", str(path)]) == 0
    [row] = [line for line in capsys.readouterr().out.splitlines() if "extractive" in line]
    assert row.split("│")[2].strip() == "?"
    assert main(["runs", "--cache", str(path), "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["engine"] == "extractive"


def test_markup_and_escapes_in_the_ledger_show_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document 'foo[/bar].txt', an engine '[red]e', an ESC in a detail and in a call's
    error: no MarkupError, the brackets as written, the escape as a visible code."""
    path = _ledger(tmp_path)
    _edit(
        path,
        "UPDATE runs SET engine = '[red]e'",
        "UPDATE documents SET source = 'foo[/bar].txt', detail = 'x' || char(27) || ']0;owned'",
        "INSERT INTO calls VALUES (1, '[/b]', 1, NULL, 'answer', '200', 'ok', 0.1, 1, 2, "
        "'e' || char(27) || '[2J')",
    )
    capsys.readouterr()
    assert main(["runs", "--cache", str(path)]) == 0
    assert main(["runs", "1", "--cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[red]e" in out
    assert "foo[/bar].txt" in out
    assert "[/b]" in out
    assert "x\\x1b]0;owned" in out
    assert "e\\x1b[2J" in out
    assert "\x1b" not in out
