"""Write result files atomically, and only inside the output folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from summarizer.errors import OutputError
from summarizer.models import MeetingSummary
from summarizer.reconcile.models import ReconciledMeeting
from summarizer.reconcile.render import meeting_json, meeting_markdown
from summarizer.render import to_json, to_markdown

TEMPORARY_SUFFIX = ".tmp"


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it: never half a file."""
    write_together([(path, text)])


def write_together(files: Sequence[tuple[Path, str]]) -> None:
    """Write several files so that either all of them appear or none does.

    Every file is first written whole to a temporary beside it (where a full disk or a lost
    permission shows up); only then are they renamed into place, which needs no space. The first
    file is renamed last: its presence means the others are in place (a kill between renames
    can leave the others without it, never it without the others)."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            temporaries.append((_write_temporary(path, text), path))
        placed: list[Path] = []
        try:
            for temporary, path in reversed(temporaries):
                os.replace(temporary, path)
                placed.append(path)
        except BaseException:
            for path in placed:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
    except BaseException:
        for temporary, _ in temporaries:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise


def _write_temporary(path: Path, text: str) -> str:
    make_folders(path.parent)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        os.fchmod(handle, 0o666 & ~_UMASK)  # mkstemp makes 0600; results are ordinary files
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def make_folders(folder: Path) -> None:
    """`mkdir -p` without recursion (`Path.mkdir(parents=True)` recurses once per level, and an
    input tree may be thousands of folders deep)."""
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir()


def sweep_temporaries(out_dir: Path) -> list[Path]:
    """Remove temporaries left under `out_dir` by runs that were killed mid-write: those whose
    process is gone. A live run's temporaries (another process on the same folder) are kept."""
    removed: list[Path] = []
    if not out_dir.is_dir():
        return removed
    for path in out_dir.rglob(f".*{TEMPORARY_SUFFIX}"):
        owner = _owner(path.name)
        if owner is not None and not _alive(owner):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _owner(name: str) -> int | None:
    """The process id in a temporary's name (`.NAME.SUFFIX.PID.RANDOM.tmp`), if it has one."""
    parts = name.removesuffix(TEMPORARY_SUFFIX).split(".")
    return int(parts[-2]) if len(parts) >= 4 and parts[-2].isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def check_writable(out_dir: Path, *, flag: str = "--out") -> None:
    """Fail before any work when results could not be written: nothing is paid for in vain.
    `flag` is the option that named the folder, for the fix."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; pass {flag} a folder")
    reason = _cannot_write_in(out_dir)
    if reason is not None:
        raise OutputError(
            f"{out_dir}: results cannot be written there ({reason}); pass {flag} a writable folder"
        )


def check_file_writable(path: Path, *, flag: str) -> None:
    """The same for one result file: not a folder, and its folder takes new files."""
    if path.is_dir():
        raise OutputError(
            f"{path}: is a folder; pass {flag} a file path such as {path / 'figures.json'}"
        )
    reason = _cannot_write_in(path.parent)
    if reason is not None:
        raise OutputError(f"{path}: cannot be written ({reason}); pass {flag} a writable path")


def _cannot_write_in(folder: Path) -> str | None:
    """Why a file cannot be created in `folder` (made if missing), or None when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return error.strerror or type(error).__name__
    return None


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: setting the umask to read it is process-wide, and batches write from
# several threads, so doing it per file could let another thread create a world-writable file.
_UMASK = _read_umask()


def output_path(out_dir: Path, name: str, suffix: str) -> Path:
    """`out_dir/name.suffix`, refusing any name that would land outside `out_dir`."""
    root = out_dir.resolve()
    target = (root / f"{name}{suffix}").resolve()
    if not target.is_relative_to(root):
        raise OutputError(f"{name}: output name escapes the output folder {out_dir}")
    return target


def write_outputs(summary: MeetingSummary, out_dir: Path, name: str) -> list[Path]:
    """`name.json` (the contract) and `name.md` (for people) under `out_dir`, together."""
    files = [
        (output_path(out_dir, name, suffix), text)
        for suffix, text in ((".json", to_json(summary)), (".md", to_markdown(summary)))
    ]
    write_together(files)
    return [path for path, _ in files]


MEETINGS_FOLDER = "meetings"


def write_meeting(meeting: ReconciledMeeting, out_dir: Path) -> list[Path]:
    """`meetings/<slug>.json` and `.md` under `out_dir`, together, as a summary's are."""
    folder = out_dir / MEETINGS_FOLDER
    files = [
        (output_path(folder, meeting.slug, suffix), text)
        for suffix, text in ((".json", meeting_json(meeting)), (".md", meeting_markdown(meeting)))
    ]
    write_together(files)
    return [path for path, _ in files]
