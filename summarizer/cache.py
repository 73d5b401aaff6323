"""A SQLite store of finished summaries and of every run, so no work is paid for twice.

Summaries are keyed by everything that changes the output: the text's hash, the engine, model and
endpoint, the prompt and schema versions, and the settings that shape an answer. The file uses WAL
and one transaction per write, so a crash mid-write loses nothing already stored.

The cache is an optimisation, so its failures never stop a run: a regular file that is not a
SQLite database is set aside (renamed) and started afresh; a damaged database, a full disk or an
unwritable folder turn the cache off for the rest of the run. Each says so once in `warnings`.
Only a path that cannot be a cache file at all (a folder, a pipe) is a configuration error.
This module writes the ledger; `ledger.py` reads it for `summarize runs`, changing nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from summarizer.calls import ModelCall
from summarizer.errors import ConfigError
from summarizer.models import MeetingSummary

log = logging.getLogger(__name__)
_SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS summaries (
    key TEXT PRIMARY KEY,
    summary TEXT NOT NULL,
    stored REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    finished REAL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    cached INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    run INTEGER NOT NULL REFERENCES runs(id),
    source TEXT NOT NULL,
    outcome TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    seconds REAL NOT NULL,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS calls (
    run INTEGER NOT NULL REFERENCES runs(id),
    source TEXT NOT NULL,
    number INTEGER NOT NULL,
    part INTEGER,
    purpose TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT NOT NULL,
    seconds REAL NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    error TEXT
);
CREATE INDEX IF NOT EXISTS calls_by_run ON calls (run);
CREATE INDEX IF NOT EXISTS documents_by_run ON documents (run);
"""


@functools.cache
def code_digest() -> str:
    """A hash of this package's own code and templates: a changed rule is a changed result,
    even when the version number was not bumped."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(parts: dict[str, object]) -> str:
    """A stable hash of the things that decide a summary (order of keys does not matter)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class CacheUnavailable(Exception):
    """The cache cannot be used for this run (internal: the cache turns itself off)."""


class ResultCache:
    """Thread-safe access to one cache file; open it once per process and share it.

    Raises ConfigError when `path` is a folder or lies under a file; any other trouble turns the
    cache off (`enabled` false, a line in `warnings`) and every call becomes a no-op."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        _check_path(path)
        try:
            self._connection = self._open()
        except (sqlite3.Error, OSError) as error:
            self._turn_off(error)

    @property
    def enabled(self) -> bool:
        return self._connection is not None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not _looks_like_sqlite(self.path):
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            self.path.rename(aside)
            self.warnings.append(
                f"cache {self.path} was not a SQLite database; moved it to {aside.name} "
                "and started a new one"
            )
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(_SCHEMA)
            connection.execute("SELECT count(*) FROM summaries").fetchone()
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    def _turn_off(self, error: BaseException) -> None:
        """Go on without the cache, and say so once."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        log.warning("cache %s turned off: %s", self.path, reason)
        self.warnings.append(
            f"cache {self.path} cannot be used ({reason}); going on without it "
            "(results are not stored; fix or delete the file, or pass --cache elsewhere)"
        )

    @contextmanager
    def _guarded(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock; a database error turns the cache off."""
        with self._lock:
            if self._connection is None:
                raise CacheUnavailable
            try:
                yield self._connection
            except sqlite3.Error as error:
                self._turn_off(error)
                raise CacheUnavailable from error

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._guarded() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def get(self, key: str) -> MeetingSummary | None:
        try:
            with self._guarded() as connection:
                row = connection.execute(
                    "SELECT summary FROM summaries WHERE key = ?", (key,)
                ).fetchone()
        except CacheUnavailable:
            return None
        if row is None:
            return None
        try:
            return MeetingSummary.model_validate_json(row[0])
        except ValueError:
            return None  # written by another schema version: treat as a miss

    def put(self, key: str, summary: MeetingSummary) -> None:
        with contextlib.suppress(CacheUnavailable), self._transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO summaries (key, summary, stored) VALUES (?, ?, ?)",
                (key, summary.model_dump_json(), time.time()),
            )

    def start_run(self, engine: str, model: str) -> int | None:
        """A new run in the ledger; None when the cache is off."""
        try:
            with self._transaction() as connection:
                cursor = connection.execute(
                    "INSERT INTO runs (started, engine, model) VALUES (?, ?, ?)",
                    (time.time(), engine, model),
                )
                return int(cursor.lastrowid or 0)
        except CacheUnavailable:
            return None

    def record_document(
        self,
        run: int,
        *,
        source: str,
        outcome: str,
        attempts: int,
        tokens: tuple[int, int],
        seconds: float,
        detail: str | None = None,
        calls: Sequence[ModelCall] = (),
    ) -> None:
        """One document's line in the ledger, a line per model call, and the run's totals."""
        failed = int(outcome == "failed")
        cached = int(outcome == "cached")
        with contextlib.suppress(CacheUnavailable), self._transaction() as connection:
            connection.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run, source, outcome, attempts, tokens[0], tokens[1], seconds, detail),
            )
            connection.executemany(
                "INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run,
                        source,
                        number,
                        c.part,
                        c.purpose,
                        c.status,
                        c.outcome,
                        c.seconds,
                        c.prompt_tokens,
                        c.completion_tokens,
                        c.error,
                    )
                    for number, c in enumerate(calls, start=1)
                ],
            )
            connection.execute(
                "UPDATE runs SET documents = documents + 1, failures = failures + ?, "
                "cached = cached + ?, prompt_tokens = prompt_tokens + ?, "
                "completion_tokens = completion_tokens + ?, finished = ? WHERE id = ?",
                (failed, cached, tokens[0], tokens[1], time.time(), run),
            )

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def _check_path(path: Path) -> None:
    """A folder, a pipe or a device, or a path under a file, can never hold the cache: say so
    before any work."""
    if path.is_dir():
        raise ConfigError(
            f"cache {path} is a folder; give a file path such as {path / 'cache.sqlite'} "
            "(--cache or SUMMARIZER_CACHE)"
        )
    if path.exists() and not path.is_file():
        raise ConfigError(
            f"cache {path} is not a regular file (a pipe or a device would hang or lose every "
            "result); give a file path (--cache or SUMMARIZER_CACHE), or off"
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ConfigError(f"cache {path}: {parent} is a file, not a folder; fix --cache")
            return


def _looks_like_sqlite(path: Path) -> bool:
    """True for a missing or empty file (SQLite starts it) and for a file with SQLite's header."""
    try:
        with path.open("rb") as file:
            header = file.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return True
    return header in (b"", _SQLITE_HEADER)
