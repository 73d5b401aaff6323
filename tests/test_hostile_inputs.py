"""Hostile files through the real entry point: none hangs, none is read past a limit, no link
leads out of the folder unasked, and each gets one line naming it while the others are summarized.

The CLI runs in a child process with a deadline, so a regression shows as a failure, not a hang.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import INPUTS, JSON_FILES, LOCKED, NAMED, Hostile, make_folder
from tests.test_cli_eval import GOLD

DEADLINE = 60.0
# Root reads any folder; dropping these capabilities makes permissions apply, as for any user.
AS_A_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def summarize(*arguments: str, cwd: Path, prefix: list[str] | None = None) -> tuple[int, str]:
    return command_line(*arguments, "--quiet", cwd=cwd, prefix=prefix)


def command_line(*arguments: str, cwd: Path, prefix: list[str] | None = None) -> tuple[int, str]:
    """`summarize ARGUMENTS` in a child process under the deadline: (exit status, stderr)."""
    command = [*(prefix or []), sys.executable, "-m", "summarizer", *arguments]
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=DEADLINE, check=False
    )
    return done.returncode, done.stderr


def error_line(stderr: str, case: Hostile) -> str:
    lines = [line for line in stderr.splitlines() if case.name in line]
    assert lines, f"no error line names {case.name}:\n{stderr}"
    return lines[0]


def test_every_hostile_file_in_a_folder_fails_alone_with_a_named_line(tmp_path: Path) -> None:
    """FIFO, link out of the folder, link to /dev/zero, a 1 GiB file, a link loop: exit 1,
    one line each with its cause, the good document summarized, no secret read."""
    folder = tmp_path / "in"
    make_folder(folder, INPUTS)
    code, stderr = summarize(str(folder), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert code == 1, stderr
    for case in INPUTS:
        assert case.expect in error_line(stderr, case)
    assert (tmp_path / "out" / "good.json").exists()
    written = "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    assert "PRIVATE KEY" not in written
    assert "Traceback" not in stderr


def test_a_link_out_of_the_folder_is_read_when_asked(tmp_path: Path) -> None:
    """--follow-links reads what a link leads to, and still refuses a device behind one."""
    folder = tmp_path / "in"
    make_folder(folder, [])
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Minister Ana Silva met Minister Jonas Berg in Oslo on Monday.")
    (folder / "linked.txt").symlink_to(outside)
    (folder / "zero.txt").symlink_to("/dev/zero")
    out = tmp_path / "out"
    code, stderr = summarize(str(folder), "--out", str(out), "--follow-links", cwd=tmp_path)
    assert code == 1, stderr
    assert (out / "linked.json").exists()
    assert "character device" in error_line(stderr, Hostile("zero.txt", "", lambda _: None))


def test_devices_and_pipes_named_on_the_command_line_are_refused_at_once(tmp_path: Path) -> None:
    """A named link is followed, so what it leads to is checked: a device, a pipe."""
    folder = tmp_path / "in"
    make_folder(folder, NAMED)
    paths = [str(folder / case.name) for case in NAMED]
    code, stderr = summarize(*paths, str(folder / "good.txt"), cwd=tmp_path)
    assert code == 1, stderr
    for case in NAMED:
        assert case.expect in error_line(stderr, case)


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) is missing")
def test_an_unreadable_subfolder_is_a_named_failure_not_a_silent_skip(tmp_path: Path) -> None:
    """As a user the permissions apply to: the locked folder is named, exit 1, the rest done."""
    folder = tmp_path / "in"
    make_folder(folder, [LOCKED])
    prefix = AS_A_USER if os.geteuid() == 0 else []
    try:
        code, stderr = summarize(
            str(folder), "--out", str(tmp_path / "out"), cwd=tmp_path, prefix=prefix
        )
    finally:
        (folder / LOCKED.name).chmod(0o755)
    assert code == 1, stderr
    assert LOCKED.expect in error_line(stderr, LOCKED)
    assert (tmp_path / "out" / "good.json").exists()


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) is missing")
def test_an_unreadable_top_folder_says_permission_denied(tmp_path: Path) -> None:
    """Not 'no documents found': the folder itself is named with its cause."""
    folder = tmp_path / "locked"
    LOCKED.make(folder)
    prefix = AS_A_USER if os.geteuid() == 0 else []
    try:
        code, stderr = summarize(str(folder), "--no-files", cwd=tmp_path, prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert code == 1, stderr
    assert "permission denied" in stderr
    assert "no .txt" not in stderr


def _gold(folder: Path, ids: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for identifier in ids:
        (folder / f"{identifier}.json").write_text(json.dumps({**GOLD, "id": identifier}))
    return folder


def test_pipes_devices_and_huge_files_among_gold_records_are_refused_unread(
    tmp_path: Path,
) -> None:
    """A FIFO, a link to /dev/zero and a 1 GiB file named *.json in the gold folder: exit 2
    at once, one line each with its cause, nothing summarized."""
    gold = _gold(tmp_path / "gold", ["lavrov"])
    for case in JSON_FILES:
        case.make(gold / case.name)
    code, stderr = command_line("eval", str(gold), cwd=tmp_path)
    assert code == 2, stderr
    for case in JSON_FILES:
        assert case.expect in error_line(stderr, case)
    assert "Traceback" not in stderr


def test_pipes_devices_and_huge_files_among_saved_predictions_fail_their_record_only(
    tmp_path: Path,
) -> None:
    """The same three as `eval --predictions` summaries: each record scores zero saying why,
    the good one is scored, exit 1."""
    names = [case.name.removesuffix(".json") for case in JSON_FILES]
    gold = _gold(tmp_path / "gold", ["lavrov", *names])
    saved = tmp_path / "saved"
    code, stderr = command_line("eval", str(gold), "--save", str(saved), cwd=tmp_path)
    assert code == 0, stderr
    for case in JSON_FILES:
        (saved / case.name).unlink()
        case.make(saved / case.name)
    code, stderr = command_line("eval", str(gold), "--predictions", str(saved), cwd=tmp_path)
    assert code == 1, stderr
    for case in JSON_FILES:
        assert case.expect in error_line(stderr, case)
    assert "lavrov" not in stderr
    assert "Traceback" not in stderr


def test_pipes_devices_and_huge_files_in_a_report_folder_are_named_and_left_out(
    tmp_path: Path,
) -> None:
    """The same three beside a saved summary given to `summarize report`: the page is written
    with the summary, each of them named with its cause, exit 1."""
    folder = tmp_path / "in"
    make_folder(folder, [])
    out = tmp_path / "out"
    code, stderr = summarize(str(folder), "--out", str(out), cwd=tmp_path)
    assert code == 0, stderr
    for case in JSON_FILES:
        case.make(out / case.name)
    code, stderr = command_line("report", str(out), cwd=tmp_path)
    assert code == 1, stderr
    for case in JSON_FILES:
        assert case.expect in error_line(stderr, case)
    assert "(1 documents)" in stderr
    assert (out / "report.html").is_file()


def test_a_pipe_given_as_the_cache_is_refused_by_runs_and_by_a_run(tmp_path: Path) -> None:
    """`--cache` a FIFO: `summarize runs` and `summarize` both exit 2 at once naming it,
    instead of blocking on the pipe for ever."""
    pipe = tmp_path / "cache.sqlite"
    os.mkfifo(pipe)
    make_folder(tmp_path / "in", [])
    code, stderr = command_line("runs", "--cache", str(pipe), cwd=tmp_path)
    assert code == 2, stderr
    assert "not a regular file (a named pipe)" in stderr
    code, stderr = summarize(str(tmp_path / "in"), "--cache", str(pipe), "--no-files", cwd=tmp_path)
    assert code == 2, stderr
    assert "is not a regular file" in stderr
