"""Transport retries: one layer, under the openai SDK, for failures that are worth waiting out.

429 (honouring Retry-After), 408, 5xx, timeouts, refused and cut connections are retried with
exponential backoff and jitter, inside a bounded total wait. Everything else passes straight up:
auth and request errors must fail at once, a failed TLS handshake will not heal by waiting, and
invalid answers are instructor's concern (re-asks). The SDK's own retries are switched off so that
no second layer retries the same thing.

Each try has a deadline for the whole exchange (a server that drips a byte a second is cut off),
and a reply may not decode to more than `max_reply_bytes` (a huge or gzip-bomb body fails the
request instead of the process). The number of tries a request took rides on its response
(`TRIES`) or its error (`tries`), so messages say "after retries" only when there were some.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx2
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

import summarizer.calls as calls
from summarizer.errors import InternalError

log = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# How many tries a request took: a response extension, or an attribute of the error raised.
TRIES = "summarizer.tries"
# An answer of a few thousand tokens is some kilobytes; nothing a model says needs this much.
MAX_REPLY_BYTES = 16 * 1024 * 1024
# Requests other than chat completions (the endpoint-kind probe) are tried at most this often:
# a server that cannot list its models will not summarize documents either.
PROBE_ATTEMPTS = 2


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long to keep trying. `sleep` and `rng` are injectable so tests run on a fake clock."""

    max_attempts: int = 6
    budget_seconds: float = 60.0
    initial_wait: float = 1.0
    max_wait: float = 20.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: random.Random = field(default_factory=random.Random)
    on_retry: Callable[[RetryCallState], None] | None = None

    def wait_for(self, state: RetryCallState) -> float:
        """Retry-After when the server gives one, else exponential backoff with equal jitter."""
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, RetryableStatus) and error.retry_after is not None:
            return float(error.retry_after)
        base = min(self.max_wait, self.initial_wait * 2.0 ** (state.attempt_number - 1))
        return base / 2 + float(self.rng.uniform(0, base / 2))

    def should_stop(self, state: RetryCallState) -> bool:
        if state.attempt_number >= self.max_attempts:
            return True
        return state.idle_for + (state.upcoming_sleep or 0.0) > self.budget_seconds

    def retrying(self, *, max_attempts: int | None = None) -> AsyncRetrying:
        limit = self.max_attempts if max_attempts is None else max_attempts

        def stop(state: RetryCallState) -> bool:
            return state.attempt_number >= limit or self.should_stop(state)

        def before_sleep(state: RetryCallState) -> None:
            outcome = state.outcome
            error = outcome.exception() if outcome is not None else None
            log.info(
                "try %d failed (%s); retrying in %.1f s",
                state.attempt_number,
                error,
                state.upcoming_sleep,
            )
            if self.on_retry is not None:
                self.on_retry(state)

        return AsyncRetrying(
            retry=retry_if_exception(is_retryable),
            wait=self.wait_for,
            stop=stop,
            sleep=self.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )


def is_retryable(error: BaseException) -> bool:
    """Statuses that say 'later', and transport failures other than a failed TLS handshake."""
    if isinstance(error, RetryableStatus):
        return True
    return isinstance(error, httpx2.TransportError) and not is_tls_failure(error)


def is_tls_failure(error: BaseException) -> bool:
    """A connection that failed in the TLS handshake (http vs https, a bad certificate)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


class ReplyTooLarge(Exception):
    """A reply decoded to more bytes than any answer needs; the request fails, not the process."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the reply was larger than {limit // (1024 * 1024)} MB")
        self.limit = limit


class RetryableStatus(Exception):
    """A response whose status says 'try again later'."""

    def __init__(self, response: httpx2.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.retry_after = parse_retry_after(response.headers)


def parse_retry_after(headers: httpx2.Headers) -> float | None:
    """Seconds to wait from `retry-after-ms`, or `Retry-After` as seconds or an HTTP date."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class RetryingTransport(httpx2.AsyncBaseTransport):
    """Wraps a transport; reads each body fully so that a connection cut mid-body is retried too.

    It is also where the per-endpoint limit holds: at most `limit` requests in flight, a slot
    held only while a request is on the wire (not while its document is parsed or written, nor
    while a retry waits), so the endpoint is kept as busy as it was allowed to be.
    `deadline` bounds one try from sending to the last byte (None: no bound)."""

    def __init__(
        self,
        inner: httpx2.AsyncBaseTransport,
        policy: RetryPolicy,
        *,
        limit: int = 8,
        deadline: float | None = None,
        max_reply_bytes: int = MAX_REPLY_BYTES,
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._slots = asyncio.Semaphore(limit)
        self._deadline = deadline
        self._max_reply_bytes = max_reply_bytes

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        chat = request.url.path.endswith("/chat/completions")
        log = calls.current() if chat else None
        tries = 0
        try:
            async for attempt in self._policy.retrying(
                max_attempts=None if chat else PROBE_ATTEMPTS
            ):
                with attempt:
                    tries += 1
                    async with self._slots:
                        response = await self._send(request, log)
                    response.extensions = {**response.extensions, TRIES: tries}
                    if response.status_code in RETRY_STATUSES:
                        raise RetryableStatus(response)
                    return response
        except RetryableStatus as exhausted:
            _mark_last_failed(log)
            return exhausted.response  # the SDK turns it into its own typed error
        except (httpx2.TransportError, ReplyTooLarge) as error:
            _mark_last_failed(log)
            setattr(error, TRIES, tries)  # read by the error translation
            raise
        raise InternalError("retry loop ended without an answer or an error")

    async def _send(self, request: httpx2.Request, log: calls.CallLog | None) -> httpx2.Response:
        """One try, read whole within the deadline, entered in the document's call log."""
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._deadline):
                response = await self._read(request)
        except TimeoutError:
            error: Exception = httpx2.ReadTimeout(
                f"no complete reply within {self._deadline:g} s", request=request
            )
            self._log_failure(log, "ReadTimeout", started)
            raise error from None
        except (httpx2.TransportError, ReplyTooLarge) as failure:  # ReadTimeout, cut bodies...
            self._log_failure(log, type(failure).__name__, started)
            raise
        if log is not None:
            code = response.status_code
            log.add(status=str(code), outcome=_outcome(code), seconds=time.perf_counter() - started)
        return response

    async def _read(self, request: httpx2.Request) -> httpx2.Response:
        """The response with its body decoded in memory, refusing more than the reply limit."""
        response = await self._inner.handle_async_request(request)
        body = bytearray()
        try:
            decoded = httpx2.Response(
                response.status_code,
                headers=response.headers,
                stream=response.stream,
                request=request,
                extensions=response.extensions,
            )
            async for chunk in decoded.aiter_bytes():
                body += chunk
                if len(body) > self._max_reply_bytes:
                    raise ReplyTooLarge(self._max_reply_bytes)
        finally:
            await response.aclose()
        headers = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx2.Response(
            response.status_code,
            headers=headers,
            content=bytes(body),
            request=request,
            extensions=response.extensions,
        )

    @staticmethod
    def _log_failure(log: calls.CallLog | None, status: str, started: float) -> None:
        if log is not None:
            log.add(status=status, outcome="retried", seconds=time.perf_counter() - started)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _outcome(code: int) -> str:
    if code in RETRY_STATUSES:
        return "retried"
    return "failed" if code >= 400 else "ok"


def _mark_last_failed(log: calls.CallLog | None) -> None:
    """The last try of a request that was never answered well: retries ran out."""
    last = log.last() if log is not None else None
    if last is not None:
        last.outcome = "failed"
