"""Write result files atomically, and only inside the output folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from summarizer.errors import OutputError


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(handle, 0o666 & ~_UMASK)  # mkstemp makes 0600; results are ordinary files
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
