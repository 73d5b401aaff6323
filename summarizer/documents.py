"""Turn files, folders, globs and stdin into Documents: decoded text plus where it came from.

Offsets in a summary point into `Document.text`, which is the file's text exactly as decoded (for
HTML, the main text that trafilatura extracts; for a JSON record, its `text` field).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from summarizer.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
STDIN = "-"
_BINARY_PROBE = 8192


@dataclass(frozen=True, slots=True)
class Document:
    """A text to summarize. `published` (ISO date) anchors relative dates like 'today'."""

    text: str
    source: str
    name: str
    published: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One input to read, and the output name (relative, suffix-less) its results get."""

    path: Path | None  # None for stdin
    name: str

    @property
    def source(self) -> str:
        return STDIN if self.path is None else str(self.path)


def discover(arguments: Iterable[str], *, exclude: Path | None = None) -> list[InputSpec]:
    """Expand files, folders (recursively, supported suffixes only), globs and '-' into inputs.
    A folder's files under `exclude` (the output folder) are left out, so a re-run does not read
    its own results; a file named on the command line is always read."""
    skip = Path(os.path.abspath(exclude)) if exclude is not None else None
    specs: list[InputSpec] = []
    for argument in arguments:
        specs.extend(_expand(argument, skip))
    return _unique_names(specs)


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(folder)


def _expand(argument: str, skip: Path | None) -> Iterator[InputSpec]:
    if argument == STDIN:
        yield InputSpec(path=None, name="stdin")
        return
    path = Path(argument)
    if path.is_dir():
        for file in _walk(path):
            if skip is not None and _inside(file, skip):
                continue
            yield InputSpec(path=file, name=file.relative_to(path).with_suffix("").as_posix())
        return
    if path.exists() or path.is_symlink():
        yield InputSpec(path=path, name=path.stem or path.name)
        return
    matches = sorted(glob.glob(argument, recursive=True))
    if not matches:
        raise InputError(f"{argument}: no such file, folder or glob match; check the path")
    for match in matches:
        yield from _expand(match, skip)


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            file = Path(root, name)
            if not name.startswith(".") and file.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(file)
    return sorted(found)


def _unique_names(specs: list[InputSpec]) -> list[InputSpec]:
    """Keep output names distinct and inside the output folder, whatever the inputs are called."""
    seen: set[str] = set()
    unique: list[InputSpec] = []
    for spec in specs:
        base = _safe_name(spec.name)
        name, counter = base, 1
        while name.casefold() in seen:
            counter += 1
            name = f"{base}-{counter}"
        seen.add(name.casefold())
        unique.append(InputSpec(path=spec.path, name=name))
    return unique


def _safe_name(name: str) -> str:
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    cleaned = [part.lstrip(".") or "_" for part in parts]
    return "/".join(cleaned) or "document"


def read_document(spec: InputSpec, stdin: bytes | None = None) -> Document:
    """Read and decode one input. Raises InputError naming the file and the fix."""
    if spec.path is None:
        raw = stdin if stdin is not None else b""
        return _from_text(decode(raw, STDIN), source=STDIN, name=spec.name)
    raw = _read_bytes(spec.path)
    suffix = spec.path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return _from_record(decode(raw, spec.source), source=spec.source, name=spec.name)
    text = decode(raw, spec.source)
    if suffix in HTML_SUFFIXES:
        text = _html_main_text(text, spec.source)
    return _from_text(text, source=spec.source, name=spec.name)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; pass the folder itself to read its files") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{path}: cannot be read ({reason}); check the path") from None


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


def _from_text(text: str, *, source: str, name: str) -> Document:
    if not text.strip():
        raise InputError(f"{source}: holds no text; nothing to summarize")
    return Document(text=text, source=source, name=name)


def _from_record(raw: str, *, source: str, name: str) -> Document:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f'{source}: a JSON record needs a "text" string field')
    published = record.get("published")
    metadata = {
        key: str(record[key]) for key in ("id", "source_url", "publisher") if record.get(key)
    }
    document = _from_text(record["text"], source=source, name=name)
    return Document(
        text=document.text,
        source=source,
        name=name,
        published=published if isinstance(published, str) else None,
        metadata=metadata,
    )


def _html_main_text(html: str, source: str) -> str:
    import trafilatura  # imported late: lxml and friends cost ~0.3 s and only HTML needs them

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        raise InputError(f"{source}: no main text found in this HTML; save the article as text")
    return str(text)


def document_from_text(
    text: str, *, source: str = "<text>", published: str | None = None
) -> Document:
    """A Document for text a caller already holds (the library entry point)."""
    document = _from_text(text, source=source, name=Path(source).stem or "document")
    return Document(text=document.text, source=source, name=document.name, published=published)
