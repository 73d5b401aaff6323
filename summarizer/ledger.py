"""The run ledger, read without changing it: `summarize runs` only looks.

The ledger lives in the cache file, which `cache.py` writes. Reading opens it read-only, so a
file that is not SQLite, holds another schema or sits in a read-only folder is read or reported,
never renamed or altered. A cell that does not hold what the schema says (a hand edit, another
tool) reads as None rather than failing the listing.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from summarizer.errors import ConfigError, InputError
from summarizer.readers import open_regular

_SQLITE_HEADER = b"SQLite format 3\x00"
_LARGEST = 2**63 - 1  # SQLite's integers
_FIX = "pass --cache the cache file summarize writes"
_RUN_COLUMNS = (
    "id, started, finished, engine, model, documents, failures, cached, prompt_tokens, "
    "completion_tokens"
)
_DOCUMENT_COLUMNS = "source, outcome, attempts, prompt_tokens, completion_tokens, seconds, detail"
_CALL_COLUMNS = (
    "source, number, part, purpose, status, outcome, seconds, prompt_tokens, completion_tokens, "
    "error"
)
_TABLES = {"runs": _RUN_COLUMNS, "documents": _DOCUMENT_COLUMNS, "calls": _CALL_COLUMNS}


@dataclass(frozen=True, slots=True)
class RunRow:
    id: int
    started: float | None
    finished: float | None
    engine: str
    model: str
    documents: int | None
    failures: int | None
    cached: int | None
    prompt_tokens: int | None
    completion_tokens: int | None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    source: str
    outcome: str
    attempts: int | None
    prompt_tokens: int | None
    completion_tokens: int | None
    seconds: float | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class CallRow:
    source: str
    number: int | None
    part: int | None
    purpose: str
    status: str
    outcome: str
    seconds: float | None
    prompt_tokens: int | None
    completion_tokens: int | None
    error: str | None


class Ledger:
    """The runs, documents and model calls in one cache file, opened read-only.

    Raises ConfigError, naming the file and the fix, for a path that is not a regular file, a
    file that is not SQLite or not the ledger, or a database that cannot be read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        if _header(path) == b"":
            return  # an empty file: SQLite would start a cache there; no runs yet
        connection = _connect(path)
        try:
            has_tables = _check_schema(connection, path)
        except ConfigError:
            connection.close()
            raise
        if has_tables:
            self._connection = connection
        else:
            connection.close()  # a database of no tables: no runs yet

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def runs(self, last: int) -> list[RunRow]:
        """The latest `last` runs, newest first."""
        rows = self._rows(
            f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?", min(last, _LARGEST)
        )
        return [
            RunRow(
                _integer(r[0]) or 0,
                _real(r[1]),
                _real(r[2]),
                _text(r[3]),
                _text(r[4]),
                *(_integer(value) for value in r[5:10]),
            )
            for r in rows
        ]

    def documents(self, run: int) -> list[DocumentRow]:
        rows = self._of_run(f"SELECT {_DOCUMENT_COLUMNS} FROM documents", run)
        return [
            DocumentRow(
                _text(r[0]),
                _text(r[1]),
                _integer(r[2]),
                _integer(r[3]),
                _integer(r[4]),
                _real(r[5]),
                _optional_text(r[6]),
            )
            for r in rows
        ]

    def calls(self, run: int) -> list[CallRow]:
        """Every model call of a run, document by document, in the order they were made."""
        rows = self._of_run(f"SELECT {_CALL_COLUMNS} FROM calls", run)
        return [
            CallRow(
                _text(r[0]),
                _integer(r[1]),
                _integer(r[2]),
                _text(r[3]),
                _text(r[4]),
                _text(r[5]),
                _real(r[6]),
                _integer(r[7]),
                _integer(r[8]),
                _optional_text(r[9]),
            )
            for r in rows
        ]

    def _of_run(self, select: str, run: int) -> list[tuple[object, ...]]:
        if not -_LARGEST <= run <= _LARGEST:
            return []  # no run has that number: SQLite could not even hold it
        return self._rows(f"{select} WHERE run = ? ORDER BY rowid", run)

    def _rows(self, query: str, parameter: int) -> list[tuple[object, ...]]:
        if self._connection is None:
            return []
        try:
            return self._connection.execute(query, (parameter,)).fetchall()
        except sqlite3.Error as error:
            raise _unreadable(self.path, error) from None


def _check_schema(connection: sqlite3.Connection, path: Path) -> bool:
    """Whether the database holds any table; if it does, every column the listing reads must
    be there (ConfigError saying which is missing otherwise)."""
    try:
        tables = {
            name: {row[1] for row in connection.execute(f"PRAGMA table_info({name})")}
            for name in _TABLES
        }
        anything = connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
    except sqlite3.Error as error:
        raise _unreadable(path, error) from None
    if anything is None:
        return False
    for table, columns in _TABLES.items():
        missing = [column for column in columns.split(", ") if column not in tables[table]]
        if missing:
            what = f"no table {table}" if not tables[table] else f"{table} has no {missing[0]}"
            raise ConfigError(f"{path}: a SQLite database, but not the run ledger ({what}); {_FIX}")
    return True


def _header(path: Path) -> bytes:
    try:
        with open_regular(path, fix=_FIX) as file:
            header = file.read(len(_SQLITE_HEADER))
    except InputError as error:
        raise ConfigError(str(error)) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if header not in (b"", _SQLITE_HEADER):
        raise ConfigError(
            f"{path}: not a SQLite database, so not the run ledger; {_FIX} (summarize would set "
            "this file aside and start a new cache)"
        )
    return header


def _connect(path: Path) -> sqlite3.Connection:
    """Read-only; in a folder that cannot be written (where SQLite cannot make its WAL index)
    the file is read as immutable, as nobody can be writing to it there."""
    uri = Path(path).resolve().as_uri()
    failure: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            connection = sqlite3.connect(f"{uri}?{options}", uri=True)
        except sqlite3.Error as error:
            failure = error
            continue
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as error:
            connection.close()
            failure = error
            continue
        return connection
    raise _unreadable(path, failure)


def _unreadable(path: Path, error: BaseException | None) -> ConfigError:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return ConfigError(f"{path}: the run ledger cannot be read ({reason}); {_FIX}")


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _real(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)
