"""A local HTTP server run as a child process: its own loopback socket, readiness wait, clean stop.

The socket is bound here, on a free port, and handed to the child, which serves on it: no other
program can take the port between its choice and the child's start (it would answer in our
child's place, and be sent the documents), and none can while the child is replaced. The child is
told to die with its parent (Linux PR_SET_PDEATHSIG), is stopped at interpreter exit, and is
stopped explicitly by `close()`: no orphans and no fixed port, whatever way the run ends.

A child that dies during the run (a signal, a crash) is noticed at once: requests go through
`watched(...)`, which sends nothing to a dead child and gives up a request the moment its child
dies (the held socket would queue it for ever), with a ServerDiedError naming the cause. A caller
may then `restart()` it, once: a server that keeps dying is not started a third time.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import functools
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import httpx2

from summarizer.errors import EmbeddedServerError, ServerDiedError

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
_PR_SET_PDEATHSIG = 1
# How often a request in flight looks whether its server is still alive (one waitpid call).
_WATCH_SECONDS = 0.2


def free_port() -> int:
    """A loopback port free at the moment of asking, where nothing listens (servers here are
    given a bound socket instead: a port chosen this way may be taken before it is used)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def die_with_parent(parent: int | None) -> None:
    """Ask Linux to stop this process when its parent dies (set in children: servers, workers).
    The signal only covers deaths after it is set, so a child whose parent `parent` (its pid)
    died before that, and which now has another parent, exits here."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


class ManagedServer:
    """Starts `command(fd)` on first `start()`, `fd` being a loopback socket bound here for the
    child to serve on; waits until `ready_path` answers 200."""

    def __init__(
        self,
        command: Callable[[int], list[str]],
        *,
        name: str,
        ready_path: str = "/v1/models",
        startup_timeout: float = 120.0,
    ) -> None:
        self._command = command
        self._name = name
        self._ready_path = ready_path
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: socket.socket | None = None
        handle, log_path = tempfile.mkstemp(prefix="summarizer-server-", suffix=".log")
        os.close(handle)
        self._log = Path(log_path)
        self._keep_log = False
        self._closed = False
        self._cause: str | None = None  # why it is gone for good, once it is
        self._restarted = False
        self._restart_lock = threading.Lock()
        self.port: int | None = None
        atexit.register(self.close)

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise EmbeddedServerError(f"the {self._name} server has not been started")
        return f"http://{LOOPBACK}:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> str:
        """Start (once) and return the base URL; EmbeddedServerError carries the server's log."""
        if self._process is not None and self._process.poll() is None:
            return self.base_url
        held = self._held_socket()
        with self._log.open("wb") as output:
            self._process = subprocess.Popen(
                self._command(held.fileno()),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                pass_fds=(held.fileno(),),
                preexec_fn=functools.partial(die_with_parent, os.getpid()),
            )
        self._wait_until_ready()
        return self.base_url

    def death(self) -> str | None:
        """Why the child is gone, in one line, once it has died or was stopped; None while it
        runs (or before its first start)."""
        process = self._process
        if process is None:
            return (self._cause or f"the {self._name} server was stopped") if self._closed else None
        code = process.poll()
        if code is None:
            return None
        if code < 0:
            how = f"signal {-code} ({_signal_name(-code)})"
        else:
            how = f"exit code {code} ({self.log_tail()})"
        return f"the {self._name} server (pid {process.pid}) died: {how}"

    def restart(self) -> str:
        """Start the child again on the same socket after it died, once per server; the base URL
        is unchanged. ServerDiedError when it was restarted already or will not start."""
        with self._restart_lock:
            death = self.death()
            if death is None:
                return self.base_url  # alive: another document restarted it meanwhile
            if self._closed:
                raise ServerDiedError(death)
            if self._restarted:
                raise ServerDiedError(f"{death}; it was restarted once already")
            self._restarted = True
            try:
                url = self.start()
            except EmbeddedServerError as error:
                self._cause = f"{death}; starting it again failed: {error}"
                raise ServerDiedError(self._cause) from error
            log.warning("%s; started it again (pid %s)", death, self.pid)
            return url

    def watched(self, inner: httpx2.AsyncBaseTransport) -> httpx2.AsyncBaseTransport:
        """`inner`, sending requests only while this server's child runs (see the module)."""
        return _Watched(inner, self)

    async def wait_for_death(self) -> str:
        """Return once the child has died (or was stopped), with why."""
        while (death := self.death()) is None:
            await asyncio.sleep(_WATCH_SECONDS)
        return death

    def _held_socket(self) -> socket.socket:
        """The socket our children serve on: bound on first use, kept until `close()`."""
        if self._socket is None:
            held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            held.bind((LOOPBACK, 0))
            self._socket, self.port = held, int(held.getsockname()[1])
        return self._socket

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self._startup_timeout
        url = f"http://{LOOPBACK}:{self.port}{self._ready_path}"
        with httpx2.Client(timeout=2.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                if self._process is None or self._process.poll() is not None:
                    code = self._process.returncode if self._process else None
                    message = (
                        f"the {self._name} server exited (code {code}) while starting: "
                        f"{self.log_tail()}"
                    )
                    self.close()
                    raise EmbeddedServerError(message)
                with contextlib.suppress(httpx2.TransportError):
                    if client.get(url).status_code == 200:
                        return
                time.sleep(0.2)
        self._keep_log = True
        self.close()
        raise EmbeddedServerError(
            f"the {self._name} server did not answer within {self._startup_timeout:.0f} s; "
            f"see {self._log}"
        )

    def log_tail(self, lines: int = 3) -> str:
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        tail = [line.strip() for line in text.strip().splitlines()[-lines:]]
        return " | ".join(tail) or "(empty log)"

    def close(self) -> None:
        """Stop the child (SIGTERM, then SIGKILL after 5 s) and let its port go. Safe to call
        more than once."""
        self._closed = True
        process, self._process = self._process, None
        held, self._socket = self._socket, None
        if not self._keep_log:
            self._log.unlink(missing_ok=True)
        try:
            if process is not None and process.poll() is None:
                _stop(process)
        finally:
            if held is not None:
                held.close()

    def __enter__(self) -> ManagedServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return "unknown signal"


class _Watched(httpx2.AsyncBaseTransport):
    """A transport that refuses to send to a dead child and abandons a request whose child dies
    while it waits for the answer."""

    def __init__(self, inner: httpx2.AsyncBaseTransport, server: ManagedServer) -> None:
        self._inner = inner
        self._server = server

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        death = self._server.death()
        if death is not None:
            raise ServerDiedError(death)
        sending = asyncio.ensure_future(self._inner.handle_async_request(request))
        watching = asyncio.ensure_future(self._server.wait_for_death())
        try:
            await asyncio.wait({sending, watching}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sending, watching):
                if not task.done():
                    task.cancel()
        if sending.done() and not sending.cancelled():
            return sending.result()
        await asyncio.wait({sending})  # abandoned: let it unwind
        if not sending.cancelled():
            sending.exception()  # taken, so it is not reported: the child's death explains it
        raise ServerDiedError(watching.result())

    async def aclose(self) -> None:
        await self._inner.aclose()
