"""The only caller of openai and instructor: request shape per endpoint, re-asks, error translation.

Retry layers, one per concern: `transport.RetryingTransport` waits out 429/5xx/timeouts/cut
connections; instructor re-asks when an answer does not validate (feeding the error back); auth and
request errors fail at once with a message that says what to fix.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlsplit

import httpx2
import instructor
import openai
import pydantic
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import HookName, Hooks
from instructor.v2.core.function_calls import response_schema

import summarizer.calls as calls
from summarizer.config import EndpointKind
from summarizer.errors import InvalidOutputError, ProviderError, TruncatedOutputError
from summarizer.grammar import flat_schema
from summarizer.models import Usage
from summarizer.prompts import Message
from summarizer.redact import redact
from summarizer.transport import (
    TRIES,
    ReplyTooLarge,
    RetryingTransport,
    RetryPolicy,
    is_tls_failure,
)
from summarizer.wire import WireDraft

if TYPE_CHECKING:
    from summarizer.server import ManagedServer

log = logging.getLogger(__name__)

# What `GET /models` says `owned_by` on servers that want json_object + schema.
_LLAMACPP_OWNERS = frozenset({"me", "llamacpp", "llama.cpp"})


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An OpenAI-compatible server and the model to ask there."""

    base_url: str
    model: str
    api_key: str = field(default="", repr=False)
    kind: EndpointKind = EndpointKind.AUTO
    system_role: bool = True  # False where the chat template drops system messages (gemma)

    @property
    def display_url(self) -> str:
        """The URL without credentials or query, safe for messages and logs."""
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"


AnswerT = TypeVar("AnswerT", bound=pydantic.BaseModel)


@dataclass(frozen=True, slots=True)
class Completion(Generic[AnswerT]):
    """A validated answer and what it took to get it."""

    draft: AnswerT
    answer: str
    attempts: int
    usage: Usage
    validation_errors: list[str]


@dataclass(frozen=True, slots=True)
class CallOptions:
    max_tokens: int
    temperature: float
    max_reasks: int
    # Server-specific sampling fields sent as they are (llama.cpp's repeat_penalty, say).
    sampling: dict[str, float] = field(default_factory=dict)


def request_shape(
    kind: EndpointKind, answer: type[pydantic.BaseModel] = WireDraft, *, schema_text: bool = True
) -> tuple[instructor.Mode, dict[str, Any]]:
    """The instructor mode and extra request fields that make `kind` constrain its output.
    `schema_text=False`: on a grammar backend, the prompt does not carry the JSON schema (the
    grammar enforces the shape; the prompt describes the fields in its own words)."""
    if kind is EndpointKind.LLAMACPP:
        # llama.cpp refuses json_schema and only builds a grammar for json_object + schema; the SDK
        # lets extra_body replace the response_format instructor sets (NOTES, instructor 1.17).
        # Mode.JSON also appends the whole schema to the system message; Mode.JSON_SCHEMA does
        # not, so with extra_body's format it gives a grammar without the schema in the prompt.
        response_format = {"type": "json_object", "schema": grammar_schema(answer)}
        mode = instructor.Mode.JSON if schema_text else instructor.Mode.JSON_SCHEMA
        return mode, {"extra_body": {"response_format": response_format}}
    if kind is EndpointKind.OPENAI:
        return instructor.Mode.JSON_SCHEMA, {}
    raise ValueError(f"endpoint kind {kind} must be resolved before a request is shaped")


@functools.lru_cache(maxsize=64)
def wrapped(answer: type[AnswerT]) -> type[AnswerT]:
    """instructor wraps a plain model in a new subclass on every call, which defeats its schema
    cache (about 5 ms per call); given a wrapped class, it uses it as it is."""
    return response_schema(answer)


@functools.lru_cache(maxsize=64)
def grammar_schema(answer: type[pydantic.BaseModel]) -> dict[str, Any]:
    """Built once per answer model: generating and flattening a schema costs about 1.5 ms."""
    return flat_schema(answer.model_json_schema())


class LLMClient:
    """One endpoint, its HTTP client, and its kind (probed once, on first use, when not given)."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        policy: RetryPolicy,
        timeout: float,
        concurrency: int = 8,
        transport: httpx2.AsyncBaseTransport | None = None,
        server: ManagedServer | None = None,
    ) -> None:
        """`concurrency`: requests in flight at once, however many documents are under way;
        `server`: the child process serving the endpoint, when we started it (nothing is sent
        to it once it has died)."""
        self.endpoint = endpoint
        inner = transport or httpx2.AsyncHTTPTransport(
            limits=httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        )
        if server is not None:
            inner = server.watched(inner)
        self._http = httpx2.AsyncClient(
            transport=RetryingTransport(inner, policy, limit=concurrency, deadline=timeout),
            timeout=timeout,
        )
        self._openai = openai.AsyncOpenAI(
            base_url=endpoint.base_url,
            api_key=endpoint.api_key or "none",
            max_retries=0,
            timeout=timeout,
            http_client=self._http,
        )
        self._probe_lock = asyncio.Lock()
        self._probe_error: ProviderError | None = None
        self._wrappers: dict[instructor.Mode, instructor.AsyncInstructor] = {}
        self._kind: EndpointKind | None = (
            endpoint.kind if endpoint.kind is not EndpointKind.AUTO else None
        )

    def _instructor(self, mode: instructor.Mode) -> instructor.AsyncInstructor:
        """One instructor wrapper per mode, made once (about 3 ms each); calls share it."""
        if mode not in self._wrappers:  # one event loop: no other task runs between these lines
            self._wrappers[mode] = instructor.from_openai(self._openai, mode=mode)
        return self._wrappers[mode]

    @property
    def known_kind(self) -> EndpointKind | None:
        """The kind, once given or probed."""
        return self._kind

    async def kind(self) -> EndpointKind:
        """Given, or probed once however many documents run at the same time. A failed probe
        is remembered: every later document gets the same error at once, and it is fatal (an
        endpoint that cannot list its models will not summarize the next document either)."""
        async with self._probe_lock:
            if self._probe_error is not None:
                raise self._probe_error
            if self._kind is None:
                try:
                    self._kind = await self._probe_kind()
                except ProviderError as error:
                    error.fatal = True
                    self._probe_error = error
                    log.warning("endpoint probe failed: %s", error)
                    raise
                log.info("%s is a %s endpoint", self.endpoint.display_url, self._kind.value)
            return self._kind

    async def _probe_kind(self) -> EndpointKind:
        """One cheap `GET /models`: llama.cpp servers say who owns their models."""
        try:
            listing = await self._openai.models.list()
        except (openai.NotFoundError, openai.UnprocessableEntityError):
            return EndpointKind.OPENAI
        except openai.APIError as exc:
            raise translate_api_error(exc, self.endpoint) from None
        owners = {str(model.owned_by).lower() for model in listing.data}
        return EndpointKind.LLAMACPP if owners & _LLAMACPP_OWNERS else EndpointKind.OPENAI

    async def extract(
        self, messages: list[Message], options: CallOptions, *, purpose: str = "answer"
    ) -> Completion[WireDraft]:
        """Ask for a whole summary draft (see `ask`)."""
        return await self.ask(WireDraft, messages, options, purpose=purpose)

    async def ask(
        self,
        answer: type[AnswerT],
        messages: list[Message],
        options: CallOptions,
        *,
        purpose: str = "answer",
        schema_text: bool = True,
    ) -> Completion[AnswerT]:
        """Ask for an `answer`; re-ask up to `options.max_reasks` times on invalid answers.
        Each request lands in the document's call log (when one is recording) as `purpose`,
        its re-asks as "re-ask". An InvalidOutputError carries the last answer's text."""
        mode, extra = request_shape(await self.kind(), answer, schema_text=schema_text)
        if options.sampling:
            extra["extra_body"] = {**extra.get("extra_body", {}), **options.sampling}
        client = self._instructor(mode)
        attempts: list[int] = []
        errors: list[str] = []
        texts: list[str] = []
        log = calls.current()

        def attempt(*_args: Any, **_kwargs: Any) -> None:
            if log is not None:
                log.purpose = "re-ask" if attempts else purpose
            attempts.append(1)

        def answered(response: Any, **_kwargs: Any) -> None:
            texts.append(_answer_text(response))
            if log is not None and (last := log.last()) is not None:
                last.prompt_tokens, last.completion_tokens = _tokens(
                    getattr(response, "usage", None)
                )
                if _finish_reason(response) == "length":
                    last.outcome = "truncated"

        def invalid(error: Any, **_kwargs: Any) -> None:
            errors.append(redact(describe_error(error), [self.endpoint.api_key]))
            if log is not None and (last := log.last()) is not None and last.outcome == "ok":
                last.outcome, last.error = "invalid", errors[-1]

        hooks = Hooks()
        hooks.on(HookName.COMPLETION_KWARGS, attempt)
        hooks.on(HookName.COMPLETION_RESPONSE, answered)
        hooks.on(HookName.PARSE_ERROR, invalid)
        try:
            draft, raw = await client.create_with_completion(
                response_model=wrapped(answer),
                messages=messages,  # type: ignore[arg-type]  # plain role/content dicts
                model=self.endpoint.model,
                max_tokens=options.max_tokens,
                temperature=options.temperature,
                max_retries=options.max_reasks,
                hooks=hooks,
                **extra,
            )
        except IncompleteOutputException as exc:
            raise TruncatedOutputError(
                f"the answer stopped at max_tokens={options.max_tokens}; raise --max-tokens "
                "or shorten the document",
                attempts=len(attempts),
                errors=errors,
                tokens=_tokens(getattr(exc.last_completion, "usage", None)),
            ) from exc
        except InstructorRetryException as exc:
            failure = self._failure(exc, attempts=len(attempts), errors=errors)
            if isinstance(failure, InvalidOutputError) and texts:
                failure.last_answer = texts[-1]
            raise failure from None
        except openai.APIError as exc:
            raise translate_api_error(exc, self.endpoint) from None
        return Completion(
            draft=draft,
            answer=_answer_text(raw),
            attempts=len(attempts),
            usage=_usage(getattr(draft, "_total_usage", None) or getattr(raw, "usage", None)),
            validation_errors=errors,
        )

    def _failure(
        self, exc: InstructorRetryException, *, attempts: int, errors: list[str]
    ) -> Exception:
        cause = exc.__cause__
        if isinstance(cause, openai.APIError):
            return translate_api_error(cause, self.endpoint)
        tokens = _tokens(exc.total_usage)
        if isinstance(cause, IncompleteOutputException):
            return TruncatedOutputError(
                "the answer stopped at max_tokens; raise --max-tokens or shorten the document",
                attempts=attempts,
                errors=errors,
                tokens=tokens,
            )
        reason = (
            errors[-1] if errors else redact(_first_line(cause or exc), [self.endpoint.api_key])
        )
        return InvalidOutputError(
            f"no valid answer after {attempts} attempt(s) from {self.endpoint.model}: {reason}",
            attempts=attempts,
            errors=errors or [reason],
            tokens=tokens,
        )

    async def aclose(self) -> None:
        await self._openai.close()


def translate_api_error(exc: openai.APIError, endpoint: Endpoint) -> ProviderError:
    """One line naming the endpoint, what went wrong, and what to change; never the key."""
    error = _provider_error(exc, endpoint)
    error.args = (redact(str(error), [endpoint.api_key]),)
    return error


def _provider_error(exc: openai.APIError, endpoint: Endpoint) -> ProviderError:
    where = endpoint.display_url
    if isinstance(exc, openai.APIStatusError):
        return _status_error(exc, endpoint)
    cause = exc.__cause__
    if isinstance(cause, ProviderError):  # the transport knew better (our server died)
        return cause
    retried = _after_tries(getattr(cause, TRIES, 1))
    if isinstance(cause, ReplyTooLarge):
        return ProviderError(f"{where}: {cause}; check that --base-url is a model server")
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(
            f"{where} sent no complete answer within --timeout{retried}; raise --timeout or "
            "check the server"
        )
    if cause is not None and is_tls_failure(cause):
        return ProviderError(
            f"TLS handshake with {where} failed ({_first_line(cause)}); check http:// or "
            "https:// in --base-url, or the server's certificate",
            fatal=True,
        )
    if isinstance(exc, openai.APIConnectionError) and not isinstance(cause, httpx2.ConnectError):
        return ProviderError(
            f"the connection to {where} broke off before the answer was complete{retried} "
            f"({_first_line(cause or exc)}); check the server"
        )
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(
            f"cannot reach {where}{retried} ({_first_line(cause or exc)}); is the server "
            "running? check --base-url",
            fatal=True,
        )
    return ProviderError(f"{where} failed: {_first_line(exc)}")


def _status_error(exc: openai.APIStatusError, endpoint: Endpoint) -> ProviderError:
    where = endpoint.display_url
    code = exc.status_code
    retried = _after_tries(exc.response.extensions.get(TRIES, 1))
    if isinstance(exc, openai.AuthenticationError):
        return ProviderError(
            f"{where} refused the API key (401); set OPENAI_API_KEY or SUMMARIZER_API_KEY",
            fatal=True,
        )
    if isinstance(exc, openai.PermissionDeniedError):
        return ProviderError(
            f"{where} denied access to model {endpoint.model!r} (403); check the key's permissions",
            fatal=True,
        )
    if isinstance(exc, openai.NotFoundError):
        return ProviderError(
            f"{where} has no model {endpoint.model!r} (404); check --model and --base-url",
            fatal=True,
        )
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(f"{where} is rate-limiting requests (429){retried}; lower the load")
    if isinstance(exc, openai.BadRequestError):
        hint = "; if it does not support json_schema, pass --endpoint-kind llamacpp"
        return ProviderError(f"{where} rejected the request (400): {_first_line(exc)}{hint}")
    if 300 <= code < 400:
        target = exc.response.headers.get("location", "another address")
        return ProviderError(
            f"{where} redirects requests (HTTP {code} to {target}); give the final address "
            "as --base-url",
            fatal=True,
        )
    return ProviderError(f"{where} answered HTTP {code}{retried}: {_first_line(exc)}")


def _after_tries(tries: object) -> str:
    """' after N tries' when the request was retried, else nothing."""
    return f" after {tries} tries" if isinstance(tries, int) and tries > 1 else ""


def describe_error(error: object) -> str:
    """A validation error as 'where: what' (pydantic's own first line only counts errors)."""
    if isinstance(error, pydantic.ValidationError):
        details = error.errors(include_url=False)
        first = details[0] if details else None
        if first is not None:
            where = ".".join(str(part) for part in first["loc"]) or "answer"
            more = f" (+{len(details) - 1} more)" if len(details) > 1 else ""
            return f"{where}: {_message(first)}{more}"
    return _first_line(error)


def _message(detail: Any) -> str:
    """pydantic's message, with the real size of a list that is too long (pydantic may stop
    counting part way) and never the offending input itself."""
    given, limit = detail.get("input"), (detail.get("ctx") or {}).get("max_length")
    if detail["type"] == "too_long" and isinstance(given, list | str) and limit is not None:
        unit = "items" if isinstance(given, list) else "characters"
        return f"should have at most {limit} {unit}, not {len(given):,}"
    return str(detail["msg"])


def _first_choice(raw: Any) -> Any:
    choices = getattr(raw, "choices", None) or []
    return choices[0] if choices else None


def _answer_text(raw: Any) -> str:
    content = getattr(getattr(_first_choice(raw), "message", None), "content", None)
    return content if isinstance(content, str) else ""


def _finish_reason(raw: Any) -> str | None:
    return getattr(_first_choice(raw), "finish_reason", None)


def _tokens(raw: Any) -> tuple[int, int]:
    usage = _usage(raw)
    return usage.prompt_tokens, usage.completion_tokens


def _usage(raw: Any) -> Usage:
    if raw is None:
        return Usage()
    prompt = int(getattr(raw, "prompt_tokens", 0) or 0)
    completion = int(getattr(raw, "completion_tokens", 0) or 0)
    total = int(getattr(raw, "total_tokens", 0) or 0) or prompt + completion
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=total)


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__
