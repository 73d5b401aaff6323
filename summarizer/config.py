"""Settings, resolved once: a flag beats a SUMMARIZER_* (or OPENAI_*) variable beats a default.

This is the only module that reads the environment, and only when asked: `Settings()` is the
defaults and what its arguments say; `Settings.from_env()` (what the CLI uses, through `resolve`)
adds the environment. A library call therefore never sends a document to an endpoint because some
other code set OPENAI_API_KEY.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from summarizer.engine_kinds import EngineKind, kind_of
from summarizer.errors import ConfigError

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
DEFAULT_MAX_CHARS = 200_000
# Where the CLI keeps finished summaries unless told otherwise; the library keeps none by default.
DEFAULT_CACHE_PATH = "~/.cache/summarizer/cache.sqlite"
# Words that turn the cache off wherever a cache path is given (flag, variable or argument).
CACHE_OFF_WORDS = frozenset({"off", "no", "none", "0", "false", ""})


E = TypeVar("E", bound=StrEnum)


class EngineName(StrEnum):
    AUTO = "auto"
    ENDPOINT = "endpoint"
    EMBEDDED = "embedded"
    EXTRACTIVE = "extractive"


class EndpointKind(StrEnum):
    """How an endpoint wants structured output asked for."""

    AUTO = "auto"
    OPENAI = "openai"  # response_format json_schema: OpenAI, vLLM, Ollama, SGLang
    LLAMACPP = "llamacpp"  # response_format json_object + schema: llama.cpp and llama-cpp-python


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that decides how documents are summarized. Immutable once resolved."""

    engine: EngineName = EngineName.AUTO
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    endpoint_kind: EndpointKind = EndpointKind.AUTO
    max_tokens: int = 1536
    temperature: float = 0.0
    request_timeout: float = 120.0
    max_reasks: int = 2
    retry_budget_seconds: float = 60.0
    context_tokens: int = 4096
    # An LLM answer that fails or is not fully grounded is replaced by the extractive result.
    fallback: bool = True
    # Give the LLM the parser's candidate people and numbered sentences (measured: README).
    assist: bool = False
    # Where finished summaries and the run ledger are kept (None: no cache); `refresh` recomputes.
    cache_path: str | None = None
    refresh: bool = False
    # Documents summarized at once (None: per engine, 8 for endpoints, else 1).
    concurrency: int | None = None
    # An LLM reads a longer document in parts of about this many tokens (None: from the context).
    max_chunk_tokens: int | None = None
    # Budgets: a run stops cleanly when one document uses more tokens, or the run costs more.
    max_tokens_per_doc: int | None = None
    max_cost: float | None = None
    prices_path: str | None = None
    # Longer documents are refused with a clear error.
    max_document_chars: int = DEFAULT_MAX_CHARS

    def __post_init__(self) -> None:
        # Strings are accepted where an enum is declared ("extractive"), and checked.
        object.__setattr__(self, "engine", _member(EngineName, self.engine, "engine"))
        object.__setattr__(
            self, "endpoint_kind", _member(EndpointKind, self.endpoint_kind, "endpoint_kind")
        )
        if self.cache_path is not None and self.cache_path.strip().lower() in CACHE_OFF_WORDS:
            object.__setattr__(self, "cache_path", "")  # said off: not the same as not said
        self._check_limits()
        self._check_endpoint()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
        """Settings from `flags` (None means not given), then SUMMARIZER_*/OPENAI_* variables,
        then defaults: what the `summarize` command does."""
        return resolve(flags, env)

    def _check_limits(self) -> None:
        if self.concurrency is not None and self.concurrency < 1:
            raise ConfigError(f"concurrency={self.concurrency} must be 1 or more")
        if self.max_document_chars < 1:
            raise ConfigError("max_document_chars must be positive")
        if self.max_tokens < 64:
            raise ConfigError(f"max_tokens={self.max_tokens} is too small; use 64 or more")
        if not 0 <= self.max_reasks <= 5:
            raise ConfigError(f"max_reasks={self.max_reasks} must be between 0 and 5")
        if self.request_timeout <= 0 or self.retry_budget_seconds < 0:
            raise ConfigError("timeouts must be positive")

    def _check_endpoint(self) -> None:
        if self.engine is EngineName.EMBEDDED and self.base_url:
            raise ConfigError(
                "--engine embedded serves its own model; drop --base-url/OPENAI_BASE_URL "
                "or use --engine endpoint"
            )
        if self.base_url is not None:
            _check_url(self.base_url)
        elif self.engine is EngineName.ENDPOINT and not self.api_key:
            raise ConfigError(
                "--engine endpoint needs --base-url (a local server) or an API key "
                "(OPENAI_API_KEY or SUMMARIZER_API_KEY) for OpenAI"
            )

    def cache_file(self) -> Path | None:
        """The cache file to use, or None: not given (the library's default) or turned off."""
        return Path(self.cache_path).expanduser() if self.cache_path else None

    def with_default_cache(self) -> Settings:
        """These settings, keeping results in the default cache file unless a cache was given
        or turned off (what the CLI does)."""
        return self if self.cache_path is not None else replace(self, cache_path=DEFAULT_CACHE_PATH)

    def kind(self) -> EngineKind:
        """What the selected engine is (engine_kinds.py): defaults, capabilities, builder."""
        return kind_of(self.selected_engine().value)

    def chunk_tokens(self) -> int:
        """Tokens of document per LLM call (`SUMMARIZER_MAX_CHUNK_TOKENS`, else the engine's)."""
        if self.max_chunk_tokens is not None:
            return max(200, self.max_chunk_tokens)
        return self.kind().part_tokens(self.context_tokens, self.max_tokens)

    def workers(self) -> int:
        """How many documents run at once: --concurrency, else the engine's own number (8
        requests for an endpoint, one for the embedded server, a process per core for the
        extractive engine, used only for batches that repay starting them)."""
        if self.concurrency is not None:
            return max(1, self.concurrency)
        return self.kind().workers()

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def resolved_model(self) -> str:
        """The model that answers: the one given (for an endpoint), or the engine's own."""
        kind = self.kind()
        return (self.model if kind.model_is_chosen else None) or kind.default_model

    def selected_engine(self) -> EngineName:
        """`auto` picks a configured endpoint, else the offline engine that scores better
        on the development examples (the extractive one; see README, How good is it)."""
        if self.engine is not EngineName.AUTO:
            return self.engine
        return EngineName.ENDPOINT if self.base_url or self.api_key else EngineName.EXTRACTIVE


def _member(kind: type[E], value: object, name: str) -> E:
    if isinstance(value, kind):
        return value
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, str) or value not in {member.value for member in kind}:
        raise ConfigError(f"{name}={value!r} is not one of: {allowed}")
    return kind(value)


def _check_url(url: str) -> None:
    """An endpoint address must be http(s)://host[:port][/path]: anything else would be retried
    for half a minute before failing."""
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        parts, port_ok = None, False
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise ConfigError(
            f"base URL {url!r} is not an http(s) address; give one like http://localhost:8000/v1"
        )


_ENV_NAMES: dict[str, tuple[str, ...]] = {
    "engine": ("SUMMARIZER_ENGINE",),
    "model": ("SUMMARIZER_MODEL", "OPENAI_MODEL"),
    "base_url": ("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("SUMMARIZER_API_KEY", "OPENAI_API_KEY"),
    "endpoint_kind": ("SUMMARIZER_ENDPOINT_KIND",),
    "max_tokens": ("SUMMARIZER_MAX_TOKENS",),
    "temperature": ("SUMMARIZER_TEMPERATURE",),
    "request_timeout": ("SUMMARIZER_REQUEST_TIMEOUT",),
    "max_reasks": ("SUMMARIZER_MAX_REASKS",),
    "retry_budget_seconds": ("SUMMARIZER_RETRY_BUDGET_SECONDS",),
    "context_tokens": ("SUMMARIZER_CONTEXT_TOKENS",),
    "fallback": ("SUMMARIZER_FALLBACK",),
    "max_document_chars": ("SUMMARIZER_MAX_DOCUMENT_CHARS",),
    "assist": ("SUMMARIZER_ASSIST",),
    "cache_path": ("SUMMARIZER_CACHE",),
    "refresh": ("SUMMARIZER_REFRESH",),
    "concurrency": ("SUMMARIZER_CONCURRENCY",),
    "max_chunk_tokens": ("SUMMARIZER_MAX_CHUNK_TOKENS",),
    "max_tokens_per_doc": ("SUMMARIZER_MAX_TOKENS_PER_DOC",),
    "max_cost": ("SUMMARIZER_MAX_COST",),
    "prices_path": ("SUMMARIZER_PRICES",),
}


def resolve(
    flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Build Settings from flags (None means 'not given'), then the environment, then defaults."""
    environment = os.environ if env is None else env
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    unknown = set(given) - set(_ENV_NAMES)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for setting in fields(Settings):
        if setting.name in given:
            values[setting.name] = _convert(setting.name, given[setting.name], "flag")
            continue
        for variable in _ENV_NAMES[setting.name]:
            raw = environment.get(variable, "").strip()
            if raw:
                values[setting.name] = _convert(setting.name, raw, variable)
                break
    return Settings(**values)


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(value)


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "engine": EngineName,
    "endpoint_kind": EndpointKind,
    "max_tokens": int,
    "temperature": float,
    "request_timeout": float,
    "max_reasks": int,
    "retry_budget_seconds": float,
    "context_tokens": int,
    "fallback": lambda value: _boolean(value),
    "max_document_chars": int,
    "assist": lambda value: _boolean(value),
    "refresh": lambda value: _boolean(value),
    "concurrency": int,
    "max_chunk_tokens": int,
    "max_tokens_per_doc": int,
    "max_cost": float,
}


def _convert(name: str, value: Any, origin: str) -> Any:
    converter = _CONVERTERS.get(name, str)
    try:
        return converter(value)
    except ValueError:
        allowed = ""
        if isinstance(converter, type) and issubclass(converter, StrEnum):
            allowed = f"; use one of: {', '.join(member.value for member in converter)}"
        raise ConfigError(f"{origin}: {value!r} is not a valid {name}{allowed}") from None
