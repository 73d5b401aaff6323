"""Hostile inputs, made on demand: file-system objects that once hung, crashed or leaked a file,
each with the words its one-line error must now contain.

A new case is one `Hostile(...)` line in `INPUTS`; `test_hostile_inputs.py` runs them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MEETING = (
    "Foreign Minister Ana Silva met with Foreign Minister Jonas Berg in Lisbon on Monday. "
    "They discussed fisheries, energy links and migration. Minister Berg raised concerns "
    "about new tariffs on Nordic salmon."
)


@dataclass(frozen=True)
class Hostile:
    """`name` under the input folder; `make(folder)` creates it; `expect` is in its error."""

    name: str
    expect: str
    make: Callable[[Path], None]


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(target: str | Path) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _sparse(size: int) -> Callable[[Path], None]:
    """A file that claims `size` bytes without using the disk: reading it whole would."""

    def make(path: Path) -> None:
        with path.open("wb") as file:
            file.truncate(size)

    return make


def _outside_secret(path: Path) -> None:
    secret = path.parent.parent / "private" / "id_key.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("-----BEGIN PRIVATE KEY----- not for a model")
    path.symlink_to(secret)


def _locked_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(MEETING)
    path.chmod(0)


# Each of these is found by walking a folder.
INPUTS = [
    Hostile("pipe.txt", "named pipe", _fifo),
    Hostile("secret.txt", "leading out of", _outside_secret),
    Hostile("zero.txt", "leading out of", _link("/dev/zero")),
    Hostile("huge.txt", "more than", _sparse(1 << 30)),
    Hostile("loop.txt", "cannot be read", lambda path: path.symlink_to(path)),
]
# Needs a user the folder's permissions apply to (not root with its capabilities).
LOCKED = Hostile("locked", "cannot be listed (permission denied)", _locked_folder)
# Named on the command line, a link is followed: what it leads to is checked instead.
NAMED = [
    Hostile("zero-named.txt", "character device", _link("/dev/zero")),
    Hostile("pipe-named.txt", "named pipe", _fifo),
]


def make_folder(folder: Path, cases: list[Hostile]) -> None:
    """The cases, plus one good document that must still be summarized beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(MEETING)
    for case in cases:
        case.make(folder / case.name)


# Each of these sits where a command reads JSON it did not write this run: a gold folder, the
# summaries given to `eval --predictions` or `summarize report`.
JSON_FILES = [
    Hostile("pipe.json", "named pipe", _fifo),
    Hostile("zero.json", "character device", _link("/dev/zero")),
    Hostile("huge.json", "over", _sparse(1 << 30)),
    Hostile("folder.json", "not a regular file (a folder)", lambda path: path.mkdir()),
]
