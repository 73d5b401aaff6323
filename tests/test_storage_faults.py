"""What happens when the disk says no: the cache folder, a damaged cache, a full disk, a
read-only --out. No traceback, no silent rename of a user's folder, no half pair of files.

Full disks are real: a small tmpfs the test mounts (skipped, saying why, where mounting is not
allowed).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import Settings, Summarizer
from summarizer.cache import ResultCache
from summarizer.cli import main
from summarizer.config import EngineName
from summarizer.readers import discover
from tests.hostile import MEETING
from tests.summaries import make_summary

EXTRACTIVE = Settings(engine=EngineName.EXTRACTIVE)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs mounted for this test alone."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, *, leave: int) -> None:
    """Fill `disk` until only about `leave` bytes remain free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with (disk / "filler").open("wb") as file:
        file.write(b"\0" * max(0, free - leave))


def test_a_folder_given_as_cache_is_a_configuration_error_and_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--cache d (a folder): exit 2 naming it; d and its files untouched, nothing renamed."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "f").write_text("keep")
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), "--cache", str(folder), "--no-files"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert (folder / "f").read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "d"]


def test_a_file_that_is_not_sqlite_is_set_aside_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A regular file with another header is moved aside, and the run says so."""
    cache = tmp_path / "cache.sqlite"
    cache.write_text("not a database at all")
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), "--cache", str(cache), "--no-files"]) == 0
    assert "was not a SQLite database; moved it to cache.sqlite.corrupt-" in capsys.readouterr().err
    [aside] = tmp_path.glob("cache.sqlite.corrupt-*")
    assert aside.read_text() == "not a database at all"


def damage_a_page(path: Path) -> None:
    """Overwrite the pages after the schema with garbage, keeping SQLite's header."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xff" * (size - 4096))


def test_a_damaged_cache_is_turned_off_with_one_warning_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SQLite file with bad pages: every document summarized, one warning, file not moved."""
    cache = tmp_path / "cache.sqlite"
    for number in range(3):
        (tmp_path / f"d{number}.txt").write_text(MEETING.replace("Monday", f"day {number}"))
    assert main([str(tmp_path), "--cache", str(cache), "--no-files", "--quiet"]) == 0
    damage_a_page(cache)
    capsys.readouterr()
    assert main([str(tmp_path), "--cache", str(cache), "--no-files", "--refresh"]) == 0
    err = capsys.readouterr().err
    assert err.count("cannot be used") == 1
    assert "3 summarized, 0 failed" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("cache.sqlite.corrupt-*"))


def test_a_cache_where_nothing_can_be_created_turns_itself_off_with_one_warning() -> None:
    """An unwritable place: the cache is off, says why once, and reads and writes do nothing."""
    cache = ResultCache(Path("/proc/summarizer-cache/cache.sqlite"))
    assert not cache.enabled
    assert len(cache.warnings) == 1
    assert "going on without it" in cache.warnings[0]
    cache.put("key", make_summary())
    assert cache.get("key") is None
    assert cache.start_run("extractive", "-") is None
    cache.close()


def test_a_full_disk_under_the_cache_is_a_warning_not_a_crash(
    small_disk: Path, tmp_path: Path
) -> None:
    """The cache's writes fail with 'database or disk is full': results still come back."""
    cache = small_disk / "cache.sqlite"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MEETING)
    with Summarizer(EXTRACTIVE.with_overrides(cache_path=str(cache))) as summarizer:
        fill(small_disk, leave=0)
        [result] = summarizer.summarize_many(discover([str(tmp_path / "in")]), out_dir=None)
        assert result.ok
        assert [w for w in summarizer.warnings if "cannot be used" in w] != []


def test_on_a_full_disk_a_document_keeps_both_files_or_neither(
    small_disk: Path, tmp_path: Path
) -> None:
    """Room for the .json but not the .md after it: neither is left, nor any temporary."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MEETING)
    specs = discover([str(tmp_path / "in")])
    with Summarizer(EXTRACTIVE) as summarizer:
        [roomy] = summarizer.summarize_many(specs, out_dir=tmp_path / "roomy")
        out = small_disk / "out"
        out.mkdir()
        fill(small_disk, leave=pages((tmp_path / "roomy" / "a.json").stat().st_size))
        [result] = summarizer.summarize_many(specs, out_dir=out)
    assert roomy.ok
    assert not result.ok
    assert "cannot write results" in str(result.error)
    assert list(out.iterdir()) == []


def test_a_read_only_out_folder_fails_before_any_document_is_summarized(
    endpoint_env: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out that cannot be written: exit 2 at once, and no request reaches the endpoint."""
    (tmp_path / "a.txt").write_text(MEETING)
    out = Path("/proc/summarizer-out")
    assert main([str(tmp_path / "a.txt"), "--out", str(out)]) == 2
    assert "results cannot be written there" in capsys.readouterr().err
    assert endpoint_env.chat_requests() == []  # type: ignore[attr-defined]


def pages(size: int) -> int:
    return -(-size // 4096) * 4096


def test_a_report_that_cannot_be_written_is_one_error_line_and_exit_1(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--html with room for the summary's files but not the report: they stay, one line, 1."""
    (tmp_path / "a.txt").write_text(MEETING)
    roomy = tmp_path / "roomy"
    assert main([str(tmp_path / "a.txt"), "--out", str(roomy), "--html", "--quiet"]) == 0
    needed = sum(pages((roomy / name).stat().st_size) for name in ("a.json", "a.md"))
    out = small_disk / "out"
    out.mkdir()
    fill(small_disk, leave=needed)
    capsys.readouterr()
    assert main([str(tmp_path / "a.txt"), "--out", str(out), "--html", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "the report cannot be written" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "a.md"]
