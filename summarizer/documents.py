"""Turn files, folders, globs and stdin into Documents: decoded text plus where it came from.

Offsets in a summary point into `Document.text`, which is the file's text exactly as decoded (for
HTML, the main text that trafilatura extracts; for a JSON record, its `text` field).
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from summarizer.config import DEFAULT_MAX_CHARS
from summarizer.errors import InputError
from summarizer.readers import detect, turns_json
from summarizer.readers.structure import InputFormat, Layout

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".vtt", ".srt"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
STDIN = "-"
_BINARY_PROBE = 8192
# Bytes a document may hold per character it may have, checked before reading: UTF-8 needs at
# most 4 per character; an HTML page carries markup and scripts around its text.
_BYTES_PER_CHAR = 4
_HTML_BYTES_PER_CHAR = 20


@dataclass(frozen=True, slots=True)
class Document:
    """A text to summarize. `published` (ISO date) anchors relative dates like 'today'."""

    text: str
    source: str
    name: str
    published: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    # What reading it found that a reader of the summary should know (its provenance says it).
    warnings: tuple[str, ...] = ()
    # A meeting's own record: its format and turns (or minutes' lists); prose has neither.
    layout: Layout = field(default_factory=lambda: Layout(format=InputFormat.PROSE))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


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


def shown_path(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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
    name = _SURROGATES.sub("\ufffd", name)  # a file name's undecodable bytes
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    cleaned = [part.lstrip(".") or "_" for part in parts]
    return "/".join(cleaned) or "document"


def read_document(
    spec: InputSpec,
    stdin: bytes | None = None,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    published: str | None = None,
) -> Document:
    """Read and decode one input. Raises InputError naming the file and the fix.

    Only regular files are read (a FIFO or a device would block or never end), and a file far
    larger than `max_chars` characters could take is refused before it is read. `published` is
    the publication date of a document that does not state one itself (a JSON record's field
    or an HTML page's metadata win). A record's `published` that is not a date is an InputError,
    as `published` itself is."""
    published = publication_day(published, "published")
    document = _read(spec, stdin, max_chars=max_chars, published=published)
    if document.published is None and published is not None:
        return replace(document, published=published)
    return document


def _read(
    spec: InputSpec, stdin: bytes | None, *, max_chars: int, published: str | None
) -> Document:
    if spec.error is not None:
        raise InputError(spec.error)
    if spec.path is None:
        raw = stdin if stdin is not None else b""
        return _from_text(decode(raw, STDIN), source=STDIN, name=spec.name)
    suffix = spec.path.suffix.lower()
    raw = _read_bytes(spec.path, max_bytes=byte_limit(max_chars, suffix), max_chars=max_chars)
    if suffix in RECORD_SUFFIXES:
        return _from_record(decode(raw, spec.source), source=spec.source, name=spec.name)
    text = decode(raw, spec.source)
    if suffix in HTML_SUFFIXES:
        return _from_html(text, source=spec.source, name=spec.name, published=published)
    return _from_text(text, source=spec.source, name=spec.name, suffix=suffix)


def _read_bytes(path: Path, *, max_bytes: int, max_chars: int) -> bytes:
    return read_regular(
        path,
        max_bytes=max_bytes,
        too_large=f"more than the {max_chars:,} characters read at once could take; split it, "
        "or raise SUMMARIZER_MAX_DOCUMENT_CHARS",
    )


def read_regular(path: Path, *, max_bytes: int, too_large: str) -> bytes:
    """A file's bytes, for every file the tool reads (inputs, gold records, saved summaries):
    a regular file only (a FIFO would block, a device never end), at most `max_bytes` of it;
    a larger one is refused before it is read whole, its message ending with `too_large`."""
    with open_regular(path) as file:
        try:
            raw = file.read(max_bytes + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(raw) > max_bytes:
        raise InputError(f"{shown_path(path)}: over {max_bytes:,} bytes, {too_large}")
    return raw


@contextmanager
def open_regular(path: Path, *, fix: str = "pass a text file") -> Iterator[BinaryIO]:
    """`path` opened for reading without blocking, once it is known to be a regular file (else
    an InputError ending with `fix`)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as exc:
        os.close(descriptor)
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise InputError(f"{shown_path(path)}: not a regular file ({_kind(mode)}); {fix}")
    with os.fdopen(descriptor, "rb") as file:
        yield file


def _unreadable(path: Path, exc: OSError) -> InputError:
    shown = shown_path(path)
    if isinstance(exc, PermissionError):
        return InputError(f"{shown}: permission denied; make the file readable")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{shown}: is a folder; pass the folder itself to read its files")
    reason = exc.strerror or type(exc).__name__
    return InputError(f"{shown}: cannot be read ({reason}); check the path")


def byte_limit(max_chars: int, suffix: str = "") -> int:
    """The most bytes a document of at most `max_chars` characters can take (HTML: with its
    markup), so a larger input is refused before it is read."""
    per_char = _HTML_BYTES_PER_CHAR if suffix in HTML_SUFFIXES else _BYTES_PER_CHAR
    return max_chars * per_char


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((label for test, label in kinds if test(mode)), "not a plain file")


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; otherwise the most likely encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: broken UTF-16 text; re-save it as UTF-8") from None
    if b"\x00" in raw[:_BINARY_PROBE]:
        raise InputError(
            f"{source}: looks like a binary file, not text; pass .txt, .md, .html or .json"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = from_bytes(raw)
    guess = candidates.best()
    if guess is None or guess.encoding is None:
        raise InputError(f"{source}: cannot tell its text encoding; convert it to UTF-8 (iconv)")
    # Several single-byte code pages fit short texts equally well; Western news is Windows-1252.
    if any(match.encoding in ("cp1252", "latin_1") for match in candidates):
        return raw.decode("cp1252", errors="replace")
    return str(guess)


def _from_text(
    text: str, *, source: str, name: str, suffix: str = "", records: bool = True
) -> Document:
    """A document of `text`, its layout read unless `records` is off (an HTML page's text)."""
    if not text.strip():
        raise InputError(f"{source}: holds no text; nothing to summarize")
    text = valid_text(text)
    if not records:
        return Document(text=text, source=source, name=name)
    read, found = detect.layout(text, source=source, suffix=suffix)
    return Document(text=read, source=source, name=name, layout=found)


# Code points that are half of a UTF-16 pair: a JSON string may hold one alone ("\\ud800"),
# and no UTF-8 writer (spaCy, a summary file) can encode it.
_SURROGATES = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD: one character for one, so every
    offset into it is an offset into the text as given."""
    return _SURROGATES.sub("\ufffd", text)


def _from_record(raw: str, *, source: str, name: str) -> Document:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(
            f"{source}: JSON nested too deeply to read; a record is an object with a "
            '"text" string field'
        ) from None
    turns = turns_json.parse(raw)
    if turns is not None:  # a transcript's own JSON (whisper's "segments" beside its "text")
        text, found = turns_json.render(turns)
        return Document(text=text, source=source, name=name, layout=found)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(
            f'{source}: a JSON record needs a "text" string field (or, for a transcript, a '
            'list of turns with "speaker" and "text", or "segments")'
        )
    published = publication_day(record.get("published"), f'{source}: "published"')
    metadata = {
        key: str(record[key]) for key in ("id", "source_url", "publisher") if record.get(key)
    }
    document = _from_text(record["text"], source=source, name=name)
    return replace(document, published=published, metadata=metadata)


def _from_html(html: str, *, source: str, name: str, published: str | None) -> Document:
    """The page's main text, dated by the publication date its metadata states; else by
    `published` (--published); else by the date htmldate guesses from the rest of the page
    (a date in its text, or a year alone read as 1 January), said in a warning."""
    document = _from_text(_html_main_text(html, source), source=source, name=name, records=False)
    stated = _page_date(html, extensive=False)
    if stated is not None:
        return replace(document, published=stated)
    guess = None if published is not None else _page_date(html, extensive=True)
    if guess is None:
        return document
    warning = (
        f"the page's metadata gives no readable publication date; {guess}, guessed "
        "from the rest of the page, dates 'today' and 'on Monday' (give --published if wrong)"
    )
    return replace(document, published=guess, warnings=(warning,))


def _page_date(html: str, *, extensive: bool) -> str | None:
    """The page's publication date by trafilatura's metadata reader: from its metadata only, or
    `extensive`ly, from anything in it that looks like a date."""
    import trafilatura

    metadata = trafilatura.extract_metadata(html, extensive=extensive)
    date = getattr(metadata, "date", None) if metadata is not None else None
    return date if isinstance(date, str) and _ISO_DAY.match(date) else None


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def publication_day(value: object, name: str) -> str | None:
    """`value` as a publication date: a day like 2024-03-05, with a time after it or not,
    kept as given; None when absent. Raises InputError naming `name` otherwise: a date that
    is not one would leave "today" and "on Monday" unanchored without a word."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _is_day(value[:10]) and value[10:11] in ("", "T", " "):
        return value
    raise InputError(f"{name} is {value!r}, not a date like 2024-03-05; fix it or leave it out")


def _is_day(text: str) -> bool:
    if not _ISO_DAY.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _html_main_text(html: str, source: str) -> str:
    import trafilatura  # imported late: lxml and friends cost ~0.3 s and only HTML needs them

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        cause = _html_parse_limit(html)
        if cause is not None:
            raise InputError(f"{source}: the HTML cannot be parsed ({cause}); save it as text")
        raise InputError(f"{source}: no main text found in this HTML; save the article as text")
    return str(text)


def _html_parse_limit(html: str) -> str | None:
    """libxml2's own reason when it gave up on a page (nesting past its depth limit, say), which
    trafilatura reports only as 'no text'."""
    from lxml import etree

    parser = etree.HTMLParser()
    etree.fromstring(html, parser)
    fatal = [entry for entry in parser.error_log if entry.level_name == "FATAL"]
    return fatal[0].message if fatal else None


def document_from_text(
    text: str, *, source: str = "<text>", published: str | None = None
) -> Document:
    """A Document for text a caller already holds (the library entry point)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}; decode bytes first")
    document = _from_text(text, source=source, name=Path(source).stem or "document")
    day = publication_day(published, f"{source}: published")
    return replace(document, published=day)
