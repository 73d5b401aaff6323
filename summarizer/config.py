"""Settings, resolved once: a flag beats a SUMMARIZER_* (or OPENAI_*) variable beats a default.

This is the only module that reads the environment, and only when asked: `Settings()` is the
defaults and what its arguments say; `Settings.from_env()` (what the CLI uses, through `resolve`)
adds the environment. A library call therefore never sends a document to an endpoint because some
other code set OPENAI_API_KEY.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from summarizer.engine_kinds import EngineKind, cores, kind_of
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
    ASSISTED = "assisted"


class EndpointKind(StrEnum):
    """How an endpoint wants structured output asked for."""

    AUTO = "auto"
    OPENAI = "openai"  # response_format json_schema: OpenAI, vLLM, Ollama, SGLang
    LLAMACPP = "llamacpp"  # response_format json_object + schema: llama.cpp and llama-cpp-python


def setting(default: Any, *variables: str, shapes: bool = False, secret: bool = False) -> Any:
    """A Settings field: its default, the environment variables it is read from (first set
    wins), whether it shapes an answer, and whether it is a secret (never in a repr)."""
    return field(default=default, repr=not secret, metadata={"env": variables, "shapes": shapes})


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that decides how documents are summarized. Immutable once resolved."""

    # Each setting is declared once, here: its default, the variables it is read from, and
    # whether it shapes an answer (and so belongs in the result cache's key).
    engine: EngineName = setting(EngineName.AUTO, "SUMMARIZER_ENGINE")
    model: str | None = setting(None, "SUMMARIZER_MODEL", "OPENAI_MODEL")
    base_url: str | None = setting(None, "SUMMARIZER_BASE_URL", "OPENAI_BASE_URL")
    api_key: str | None = setting(None, "SUMMARIZER_API_KEY", "OPENAI_API_KEY", secret=True)
    endpoint_kind: EndpointKind = setting(
        EndpointKind.AUTO, "SUMMARIZER_ENDPOINT_KIND", shapes=True
    )
    max_tokens: int = setting(1536, "SUMMARIZER_MAX_TOKENS", shapes=True)
    temperature: float = setting(0.0, "SUMMARIZER_TEMPERATURE", shapes=True)
    request_timeout: float = setting(120.0, "SUMMARIZER_REQUEST_TIMEOUT")
    max_reasks: int = setting(2, "SUMMARIZER_MAX_REASKS", shapes=True)
    retry_budget_seconds: float = setting(60.0, "SUMMARIZER_RETRY_BUDGET_SECONDS")
    context_tokens: int = setting(8192, "SUMMARIZER_CONTEXT_TOKENS", shapes=True)
    # An LLM answer that fails or is not fully grounded is replaced by the extractive result.
    fallback: bool = setting(True, "SUMMARIZER_FALLBACK", shapes=True)
    # Give the LLM the parser's candidate people and numbered sentences (measured: README).
    assist: bool = setting(False, "SUMMARIZER_ASSIST", shapes=True)
    # Where finished summaries and the run ledger are kept (None: no cache); `refresh` recomputes.
    cache_path: str | None = setting(None, "SUMMARIZER_CACHE")
    refresh: bool = setting(False, "SUMMARIZER_REFRESH")
    # Documents summarized at once (None: the engine's own number).
    concurrency: int | None = setting(None, "SUMMARIZER_CONCURRENCY")
    # An LLM reads a longer document in parts of about this many tokens (None: the engine's).
    max_chunk_tokens: int | None = setting(None, "SUMMARIZER_MAX_CHUNK_TOKENS", shapes=True)
    # Budgets: a run stops cleanly when one document uses more tokens, or the run costs more.
    max_tokens_per_doc: int | None = setting(None, "SUMMARIZER_MAX_TOKENS_PER_DOC")
    max_cost: float | None = setting(None, "SUMMARIZER_MAX_COST")
    prices_path: str | None = setting(None, "SUMMARIZER_PRICES")
    # Longer documents are refused with a clear error.
    max_document_chars: int = setting(DEFAULT_MAX_CHARS, "SUMMARIZER_MAX_DOCUMENT_CHARS")

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

    def shaping(self) -> dict[str, Any]:
        """The settings that shape an answer, by name (what a cached result must match)."""
        return {
            item.name: getattr(self, item.name) for item in fields(self) if item.metadata["shapes"]
        }

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
        extractive engine, used only for batches that repay starting them). For an engine
        that spreads over processes, --concurrency asks for no more than one per core: more
        would only wait their turn, 165 MB each."""
        kind = self.kind()
        if self.concurrency is None:
            return kind.workers()
        wanted = max(1, self.concurrency)
        return min(wanted, cores()) if kind.spreads_over_processes else wanted

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def resolved_model(self) -> str:
        """The model that answers: the one given (for an endpoint), or the engine's own."""
        kind = self.kind()
        return (self.model if kind.model_is_chosen else None) or kind.default_model

    def selected_engine(self) -> EngineName:
        """`auto` picks a configured endpoint; else the assisted engine on the embedded model
        when it is installed (it scored best on the examples kept out of development, within
        a minute a document; README, How good is it); else the extractive engine."""
        if self.engine is not EngineName.AUTO:
            return self.engine
        if self.base_url or self.api_key:
            return EngineName.ENDPOINT
        from summarizer.engines.weights import installed  # engines/ imports this module

        return EngineName.ASSISTED if installed() else EngineName.EXTRACTIVE


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


# Flags whose destination is one of these names set that setting (the CLI reads them by name).
SETTING_NAMES = tuple(item.name for item in fields(Settings))


def resolve(
    flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Build Settings from flags (None means 'not given'), then the environment, then defaults."""
    environment = os.environ if env is None else env
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    declared = {item.name: item for item in fields(Settings)}
    unknown = set(given) - set(declared)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name, item in declared.items():
        if name in given:
            values[name] = _convert(item, given[name], "flag")
            continue
        for variable in item.metadata["env"]:
            raw = environment.get(variable, "").strip()
            if raw:
                values[name] = _convert(item, raw, variable)
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


# How a flag's or variable's text becomes a setting's value, by the field's declared type.
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "bool": _boolean,
    "int": int,
    "float": float,
    "str": str,
    "EngineName": EngineName,
    "EndpointKind": EndpointKind,
}


def _convert(item: Field[Any], value: Any, origin: str) -> Any:
    type_name = str(item.type).replace(" | None", "").strip()
    converter = _CONVERTERS[type_name]
    try:
        return converter(value)
    except ValueError:
        allowed = ""
        if isinstance(converter, type) and issubclass(converter, StrEnum):
            allowed = f"; use one of: {', '.join(member.value for member in converter)}"
        raise ConfigError(f"{origin}: {value!r} is not a valid {item.name}{allowed}") from None
