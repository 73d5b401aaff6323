"""One event loop on its own thread, shared by sync and async callers of a Summarizer.

The async HTTP clients belong to the loop they first ran on, so every model call of a Summarizer
runs on this one loop: a blocking caller waits for the result, an async caller (on any loop of its
own) awaits it, and a batch puts all its documents on it at once.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from summarizer.errors import InternalError

T = TypeVar("T")


class BackgroundLoop:
    """Started on first use, stopped by `close` (which waits for the thread to end)."""

    def __init__(self, name: str = "summarizer-loop") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Schedule `coroutine` on the loop; its future can be waited on from any thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._running())

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` on the loop and block this thread until it is done."""
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise InternalError("a blocking call was made from the summarizer's own event loop")
        return self.submit(coroutine).result()

    async def run_async(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` on the loop; await it from any event loop."""
        if threading.current_thread() is self._thread:
            return await coroutine
        return await asyncio.wrap_future(self.submit(coroutine))

    def _running(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name=self._name, daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def close(self) -> None:
        with self._lock:
            loop, thread, self._loop, self._thread = self._loop, self._thread, None, None
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(_cancel_the_rest(), loop).result()
        asyncio.run_coroutine_threadsafe(loop.shutdown_default_executor(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


async def _cancel_the_rest() -> None:
    """Tasks still pending at close (documents abandoned after Ctrl-C) are cancelled and awaited,
    so none is destroyed pending."""
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
