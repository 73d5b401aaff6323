"""Which inputs a command line names: files, folders (walked without recursion, links out of
them refused unless asked), globs and '-' for standard input, each with an output name kept
inside the output folder."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from summarizer.errors import InputError
from summarizer.readers.files import STDIN, SUPPORTED_SUFFIXES, shown_path
from summarizer.readers.text import SURROGATES


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One input to read, and the output name (relative, suffix-less) its results get."""

    path: Path | None  # None for stdin
    name: str
    # A problem found while looking for inputs (an unreadable folder, a link leading out of
    # the folder): reading this input fails with it, so it is reported like any bad document.
    error: str | None = None

    @property
    def source(self) -> str:
        """The path as a user can read it: bytes a file name holds that are not UTF-8 are
        written as escapes ('a\\xff.txt'), so every message and summary can name it."""
        return STDIN if self.path is None else shown_path(self.path)


def discover(
    arguments: Iterable[str], *, exclude: Path | None = None, follow_links: bool = False
) -> list[InputSpec]:
    """Expand files, folders (recursively, supported suffixes only), globs and '-' into inputs.

    A folder's files under `exclude` (the output folder) are left out, so a re-run does not read
    its own results; a file named on the command line is always read. A link found inside a
    folder that leads out of it is not followed unless `follow_links`: it becomes a failed
    input saying so, as does a folder that cannot be listed.

    Raises InputError when documents were found but every one is under `exclude`: "no
    documents" would hide that they were left out as results."""
    walk = _Walk(
        skip=Path(os.path.abspath(exclude)) if exclude is not None else None,
        follow_links=follow_links,
    )
    specs: list[InputSpec] = []
    for argument in arguments:
        specs.extend(_expand(argument, walk))
    if not specs and walk.skip is not None:
        _refuse_all_excluded(arguments, walk.skip, follow_links=follow_links)
    return _unique_names(specs)


def _refuse_all_excluded(arguments: Iterable[str], exclude: Path, *, follow_links: bool) -> None:
    found = discover(arguments, follow_links=follow_links)
    if found:
        raise InputError(
            f"the {len(found)} document(s) found are all inside the output folder {exclude}, "
            "whose files are never read as input (they would be results); write the results "
            "elsewhere (--out DIR outside the inputs), or name the files themselves"
        )


@dataclass(frozen=True, slots=True)
class _Walk:
    skip: Path | None
    follow_links: bool


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(folder)


def _expand(argument: str, walk: _Walk) -> Iterator[InputSpec]:
    if argument == STDIN:
        yield InputSpec(path=None, name="stdin")
        return
    path = Path(argument)
    if path.is_dir():
        yield from _folder_inputs(path, walk)
        return
    if path.exists() or path.is_symlink():
        yield InputSpec(path=path, name=path.stem or path.name)
        return
    matches = sorted(glob.glob(argument, recursive=True))
    if not matches:
        raise InputError(f"{argument}: no such file, folder or glob match; check the path")
    for match in matches:
        yield from _expand(match, walk)


def _folder_inputs(folder: Path, walk: _Walk) -> Iterator[InputSpec]:
    inside = folder.resolve()
    for file, problem in _walk(folder):
        if walk.skip is not None and _inside(file, walk.skip):
            continue
        relative = file.relative_to(folder)
        name = relative.with_suffix("").as_posix() if relative.name else folder.name
        if problem is None and not walk.follow_links and _leads_out(file, inside):
            problem = f"a link leading out of {folder}; pass --follow-links to read it"
        error = f"{shown_path(file)}: {problem}" if problem else None
        yield InputSpec(path=file, name=name, error=error)


def _leads_out(file: Path, folder: Path) -> bool:
    if not file.is_symlink():
        return False
    try:
        return not file.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a link loop: reading it says so
        return False


def _walk(folder: Path) -> list[tuple[Path, str | None]]:
    """Supported files under `folder`, and each folder that could not be listed (with why).

    A stack, not recursion: a tree thousands of folders deep is walked like any other. Links to
    folders are not entered (a link to a file is listed, and checked when read)."""
    found: list[tuple[Path, str | None]] = []
    folders = [folder]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
            found.append((current, f"folder cannot be listed ({reason}); make it readable"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(current, entry.name)
            if _is_folder(entry):
                folders.append(path)
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append((path, None))
    return sorted(found)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _unique_names(specs: list[InputSpec]) -> list[InputSpec]:
    names = unique_names([spec.name for spec in specs])
    return [replace(spec, name=name) for spec, name in zip(specs, names, strict=True)]


def unique_names(names: Iterable[str]) -> list[str]:
    """Output names for these names, in order: kept inside the output folder (no `..`, no
    absolute path, no leading dot) and distinct ignoring case, whatever the inputs are called."""
    seen: set[str] = set()
    unique: list[str] = []
    for given in names:
        base = _safe_name(given)
        name, counter = base, 1
        while name.casefold() in seen:
            counter += 1
            name = f"{base}-{counter}"
        seen.add(name.casefold())
        unique.append(name)
    return unique


def _safe_name(name: str) -> str:
    name = SURROGATES.sub("\ufffd", name)  # a file name's undecodable bytes
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    cleaned = [part.lstrip(".") or "_" for part in parts]
    return "/".join(cleaned) or "document"
