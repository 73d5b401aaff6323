"""Settings, resolved once: a flag beats a SUMMARIZER_* (or OPENAI_*) variable beats a default.

This is the only module that reads the environment, and only when asked: `Settings()` is the
defaults and what its arguments say; `Settings.from_env()` (what the CLI uses, through `resolve`)
adds the environment. A library call therefore never sends a document to an endpoint because some
other code set OPENAI_API_KEY.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from summarizer.engine_kinds import EngineKind, cores, kind_of
from summarizer.errors import ConfigError
from summarizer.readers.files import DEFAULT_MAX_CHARS
from summarizer.readers.structure import InputFormat

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
# Where the CLI keeps finished summaries unless told otherwise; the library keeps none by default.
DEFAULT_CACHE_PATH = "~/.cache/summarizer/cache.sqlite"
# The most documents a run keeps under way at once, whatever --concurrency asks.
MOST_AT_ONCE = 512
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


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a numeric setting may take: from `low` (excluded when `above`) to `high`
    (None: no upper limit), and never NaN or infinite."""

    low: int | float
    high: int | float | None = None
    above: bool = False
    unit: str = ""

    def allows(self, value: int | float) -> bool:
        if isinstance(value, float) and not math.isfinite(value):
            return False
        past_low = value > self.low if self.above else value >= self.low
        return past_low and (self.high is None or value <= self.high)

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        low = _number(self.low)
        if self.high is None:
            return f"more than {low}{unit}" if self.above else f"{low}{unit} or more"
        high = _number(self.high)
        if self.above:
            return f"more than {low} and at most {high}{unit}"
        return f"between {low} and {high}{unit}"


def _number(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def setting(
    default: Any,
    *variables: str,
    flag: str | None = None,
    within: Bounds | None = None,
    path: bool = False,
    shapes: bool = False,
    secret: bool = False,
) -> Any:
    """A Settings field: its default, the environment variables it is read from (first set
    wins), the CLI flag that sets it, the range a number must be in, whether it is a file path
    (a `Path` is accepted), whether it shapes an answer, and whether it is a secret (never in a
    repr). Every value is checked against this declaration when Settings are made."""
    metadata = {"env": variables, "flag": flag, "within": within, "path": path, "shapes": shapes}
    return field(default=default, repr=not secret, metadata=metadata)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that decides how documents are summarized. Immutable once resolved."""

    # Each setting is declared once, here: its default, the variables it is read from, its flag,
    # its range, and whether it shapes an answer (and so belongs in the result cache's key).
    engine: EngineName = setting(EngineName.AUTO, "SUMMARIZER_ENGINE", flag="--engine")
    model: str | None = setting(None, "SUMMARIZER_MODEL", "OPENAI_MODEL", flag="--model")
    base_url: str | None = setting(
        None, "SUMMARIZER_BASE_URL", "OPENAI_BASE_URL", flag="--base-url"
    )
    api_key: str | None = setting(
        None, "SUMMARIZER_API_KEY", "OPENAI_API_KEY", flag="--key", secret=True
    )
    endpoint_kind: EndpointKind = setting(
        EndpointKind.AUTO, "SUMMARIZER_ENDPOINT_KIND", flag="--endpoint-kind", shapes=True
    )
    # Fewer than 64 tokens cannot hold an answer; 128k is past what a model writes in one.
    max_tokens: int = setting(
        1536,
        "SUMMARIZER_MAX_TOKENS",
        flag="--max-tokens",
        within=Bounds(64, 131_072, unit="tokens"),
        shapes=True,
    )
    # The range every OpenAI-compatible server takes.
    temperature: float = setting(0.0, "SUMMARIZER_TEMPERATURE", within=Bounds(0, 2), shapes=True)
    request_timeout: float = setting(
        120.0,
        "SUMMARIZER_REQUEST_TIMEOUT",
        flag="--timeout",
        within=Bounds(0, 86_400, above=True, unit="seconds"),
    )
    max_reasks: int = setting(
        2, "SUMMARIZER_MAX_REASKS", flag="--max-reasks", within=Bounds(0, 5), shapes=True
    )
    retry_budget_seconds: float = setting(
        60.0, "SUMMARIZER_RETRY_BUDGET_SECONDS", within=Bounds(0, 86_400, unit="seconds")
    )
    # The embedded server's context: below 1,024 tokens the instructions and an answer do not fit.
    context_tokens: int = setting(
        8192,
        "SUMMARIZER_CONTEXT_TOKENS",
        within=Bounds(1024, 131_072, unit="tokens"),
        shapes=True,
    )
    # An LLM answer that fails or is not fully grounded is replaced by the extractive result.
    fallback: bool = setting(True, "SUMMARIZER_FALLBACK", shapes=True)
    # Give the LLM the parser's candidate people and numbered sentences (measured: README).
    assist: bool = setting(False, "SUMMARIZER_ASSIST", flag="--assist", shapes=True)
    # Where finished summaries and the run ledger are kept (None: no cache); `refresh` recomputes.
    cache_path: str | None = setting(None, "SUMMARIZER_CACHE", flag="--cache", path=True)
    refresh: bool = setting(False, "SUMMARIZER_REFRESH", flag="--refresh")
    # Documents summarized at once (None: the engine's own number).
    concurrency: int | None = setting(
        None, "SUMMARIZER_CONCURRENCY", flag="--concurrency", within=Bounds(1)
    )
    # An LLM reads a longer document in parts of about this many tokens (None: the engine's).
    max_chunk_tokens: int | None = setting(
        None,
        "SUMMARIZER_MAX_CHUNK_TOKENS",
        within=Bounds(200, 131_072, unit="tokens"),
        shapes=True,
    )
    # Budgets: a run stops cleanly when one document uses more tokens, or the run costs more.
    max_tokens_per_doc: int | None = setting(
        None, "SUMMARIZER_MAX_TOKENS_PER_DOC", flag="--max-tokens-per-doc", within=Bounds(0)
    )
    max_cost: float | None = setting(
        None, "SUMMARIZER_MAX_COST", flag="--max-cost", within=Bounds(0)
    )
    prices_path: str | None = setting(None, "SUMMARIZER_PRICES", path=True)
    # Longer documents are refused with a clear error; spaCy's parser, which every engine's
    # reading (and the fallback) goes through, takes at most 1,000,000 characters.
    # How every input is laid out (None: told by each file's suffix and content).
    input_format: InputFormat | None = setting(
        None, "SUMMARIZER_INPUT_FORMAT", flag="--input-format", shapes=True
    )
    max_document_chars: int = setting(
        DEFAULT_MAX_CHARS,
        "SUMMARIZER_MAX_DOCUMENT_CHARS",
        within=Bounds(1, 1_000_000, unit="characters"),
    )

    def __post_init__(self) -> None:
        for item in fields(self):
            object.__setattr__(self, item.name, _checked(item, getattr(self, item.name)))
        if self.cache_path is not None and self.cache_path.strip().lower() in CACHE_OFF_WORDS:
            object.__setattr__(self, "cache_path", "")  # said off: not the same as not said
        self._check_endpoint()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
        """Settings from `flags` (None means not given), then SUMMARIZER_*/OPENAI_* variables,
        then defaults: what the `summarize` command does."""
        return resolve(flags, env)

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
            return self.max_chunk_tokens
        return self.kind().part_tokens(self.context_tokens, self.max_tokens)

    def workers(self) -> int:
        """How many documents run at once: --concurrency, else the engine's own number (8
        requests for an endpoint, one for the embedded server, a process per core for the
        extractive engine, used only for batches that repay starting them). For an engine
        that spreads over processes, --concurrency asks for no more than one per core: more
        would only wait their turn, 165 MB each. Past MOST_AT_ONCE, documents in flight would
        only hold memory: no endpoint answers a million requests at once."""
        kind = self.kind()
        if self.concurrency is None:
            return kind.workers()
        wanted = min(max(1, self.concurrency), MOST_AT_ONCE)
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


def _checked(item: Field[Any], value: Any) -> Any:
    """`value` as its declaration says (a string where an enum is declared, a path-like where a
    path is, an int where a float is, all converted), or a ConfigError naming the setting."""
    declared = str(item.type)
    if value is None and declared.endswith(" | None"):
        return None
    kind = declared.removesuffix(" | None")
    if item.metadata["path"] and isinstance(value, os.PathLike):
        value = os.fspath(value)
    try:
        converted = _ACCEPTED[kind](value)
    except (TypeError, ValueError):
        raise refused(item.name, value, _WANTED.get(kind) or _one_of(kind)) from None
    within: Bounds | None = item.metadata["within"]
    if within is not None and not within.allows(converted):
        raise refused(item.name, value, f"must be {within}")
    return converted


def refused(name: str, value: object, wanted: str) -> ConfigError:
    """The one message for a setting that cannot work: its value, what it may be, and the flag
    and variables that set it."""
    item = _DECLARED[name]
    where = ", ".join(part for part in (item.metadata["flag"], *item.metadata["env"]) if part)
    return ConfigError(f"{name}={_shown(value)} {wanted} ({where})")


def _shown(value: object) -> str:
    """A value as given, short enough for one line (10**30 is not written out in full)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return (
            f"{float(value):.3g}" if abs(value) < 10**308 else f"a {len(str(value))}-digit number"
        )
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _exactly(kind: type) -> Callable[[Any], Any]:
    """Accept only values of `kind` itself (True is not the number 1, "4" is not 4)."""

    def accept(value: Any) -> Any:
        if isinstance(value, bool) is not (kind is bool) or not isinstance(value, kind):
            raise TypeError(value)
        return value

    return accept


def _real(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    try:
        return float(value)
    except OverflowError:  # an int past the floats: out of any range
        return math.inf


def _member_of(kind: type[E]) -> Callable[[Any], E]:
    """Members, and their values as strings ("extractive"), are accepted where an enum is."""

    def accept(value: Any) -> E:
        if isinstance(value, kind):
            return value
        if not isinstance(value, str):
            raise TypeError(value)
        return kind(value)

    return accept


def _one_of(kind: str) -> str:
    return f"is not one of: {', '.join(member.value for member in _ENUMS[kind])}"


_ENUMS: dict[str, type[StrEnum]] = {
    "EngineName": EngineName,
    "EndpointKind": EndpointKind,
    "InputFormat": InputFormat,
}
_ACCEPTED: dict[str, Callable[[Any], Any]] = {
    "bool": _exactly(bool),
    "int": _exactly(int),
    "float": _real,
    "str": _exactly(str),
    **{name: _member_of(kind) for name, kind in _ENUMS.items()},
}
_WANTED = {
    "bool": "must be true or false",
    "int": "must be a whole number",
    "float": "must be a number",
    "str": "must be a string",
}


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
_DECLARED = {item.name: item for item in fields(Settings)}


def resolve(
    flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Build Settings from flags (None means 'not given'), then the environment, then defaults."""
    environment = os.environ if env is None else env
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    unknown = set(given) - set(_DECLARED)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name, item in _DECLARED.items():
        if name in given:
            values[name] = _convert(item, given[name])
            continue
        for variable in item.metadata["env"]:
            raw = environment.get(variable, "").strip()
            if raw:
                values[name] = _convert(item, raw)
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
    **_ENUMS,
}


def _convert(item: Field[Any], value: Any) -> Any:
    kind = str(item.type).removesuffix(" | None")
    try:
        return _CONVERTERS[kind](value)
    except ValueError:
        raise refused(item.name, value, _WANTED.get(kind) or _one_of(kind)) from None
