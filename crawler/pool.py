"""Worker processes driven from the crawl's event loop, with no helper threads (Scrapy-free).

Each worker is a ``spawn`` process (forking a process that runs a reactor and threads is unsafe)
with two pipes. The event loop writes calls and reads results without blocking: a call's bytes
that do not fit in the pipe are written when the worker has read the rest, results are read as
they come. ``ProcessPoolExecutor`` needs two threads in the calling process for the same work,
and on a busy reactor their hand-offs of the GIL cost about 0.6 ms of CPU per call.

A worker exits when its pipe closes, so it dies with the crawl process, however that ends. A
worker that dies (killed, out of memory) fails every call in flight with
:class:`~crawler.exceptions.WorkerCrashed` and the pool is replaced at once by new processes,
as ``ProcessPoolExecutor`` does; the following calls go to the new workers.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import struct
from collections import deque
from multiprocessing.connection import Connection
from typing import Any, Callable, TypeVar

from crawler.exceptions import WorkerCrashed

__all__ = ["WorkerPool"]

T = TypeVar("T")

#: ``multiprocessing.Connection``'s framing (a 4-byte big-endian length, then the bytes), so the
#: worker can use ``recv_bytes`` and ``send_bytes``.
_HEADER = struct.Struct("!i")
_READ_SIZE = 1 << 16


def _serve(calls: Connection, results: Connection, initializer: Callable[[], object] | None) -> None:
    """A worker's main loop: run each call and send back ``(ok, value)`` until the pipe closes."""
    if initializer is not None:
        initializer()
    while True:
        try:
            fn, args = pickle.loads(calls.recv_bytes())
        except (EOFError, OSError):  # the pool closed, or the crawl process died
            return
        try:
            reply = (True, fn(*args))
        except Exception as exc:  # noqa: BLE001 -- raised again in the caller
            reply = (False, exc)
        try:
            data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 -- an unpicklable result or exception
            data = pickle.dumps((False, RuntimeError(f"{getattr(fn, '__name__', fn)} returned something that "
                                                     f"cannot be sent back: {exc}")))
        try:
            results.send_bytes(data)
        except OSError:
            return


class _Worker:
    """One worker process as the event loop sees it: pipe ends, bytes to send, calls waiting."""

    def __init__(self, initializer: Callable[[], object] | None) -> None:
        ctx = multiprocessing.get_context("spawn")
        calls_in, self._calls = ctx.Pipe(duplex=False)
        self._results, results_out = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_serve, args=(calls_in, results_out, initializer), daemon=True,
                                   name="wiretrace-worker")
        self.process.start()
        calls_in.close()
        results_out.close()
        os.set_blocking(self._calls.fileno(), False)
        os.set_blocking(self._results.fileno(), False)
        self.waiting: deque[tuple[asyncio.Future[Any], str]] = deque()
        self._out: deque[memoryview] = deque()
        self._in = bytearray()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._on_death: Callable[[_Worker], None] = lambda worker: None
        self.alive = True

    def attach(self, loop: asyncio.AbstractEventLoop, on_death: Callable[[_Worker], None]) -> None:
        """Read results on ``loop`` from now on; ``on_death(self)`` when the worker is gone."""
        if self._loop is None:
            self._loop, self._on_death = loop, on_death
            loop.add_reader(self._results.fileno(), self._read)

    def send(self, fn: Callable[..., Any], args: tuple[Any, ...], future: asyncio.Future[Any]) -> None:
        """Queue a call; ``future`` gets its result."""
        data = pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL)
        self.waiting.append((future, getattr(fn, "__name__", str(fn))))
        self._out.extend((memoryview(_HEADER.pack(len(data))), memoryview(data)))
        self._write()

    def _write(self) -> None:
        fd = self._calls.fileno()
        while self._out:
            try:
                sent = os.write(fd, self._out[0])
            except BlockingIOError:
                break
            except OSError:  # the worker is gone: _read sees the end of its pipe
                self._out.clear()
                break
            if sent == len(self._out[0]):
                self._out.popleft()
            else:
                self._out[0] = self._out[0][sent:]
        assert self._loop is not None
        if self._out:
            self._loop.add_writer(fd, self._write)
        else:
            self._loop.remove_writer(fd)

    def _read(self) -> None:
        try:
            chunk = os.read(self._results.fileno(), _READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.alive = False
            self._on_death(self)
            return
        self._in += chunk
        while len(self._in) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._in)
            if len(self._in) < _HEADER.size + size:
                break
            ok, value = pickle.loads(bytes(self._in[_HEADER.size:_HEADER.size + size]))
            del self._in[:_HEADER.size + size]
            future, _ = self.waiting.popleft()
            if not future.done():
                future.set_result(value) if ok else future.set_exception(value)

    def stop(self, error: Callable[[str], Exception], kill: bool = False) -> None:
        """Close the pipes and end the process (at once with ``kill``); calls waiting fail with ``error(name)``."""
        if self._loop is not None:
            self._loop.remove_reader(self._results.fileno())
            self._loop.remove_writer(self._calls.fileno())
        self._calls.close()  # a worker between calls sees the end of its pipe and exits
        if kill:
            self.process.kill()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._results.close()
        while self.waiting:
            future, name = self.waiting.popleft()
            if not future.done():
                future.set_exception(error(name))


class WorkerPool:
    """Runs functions in worker processes from asyncio code, or inline when ``workers`` is 0.

    Args:
        workers: worker processes; 0 runs every call inline in the calling thread.
        max_in_flight: calls submitted to the workers at once; further callers wait (default
            twice the workers), so pending work never piles up in the pipes.
        initializer: run in each worker when it starts (imports, models), so that the first
            calls do not pay for it.

    Attributes:
        crashes: how many times a dead worker broke the pool (each time it was replaced).
        in_flight, peak_in_flight: calls submitted and not finished, now and at most.
    """

    def __init__(self, workers: int, max_in_flight: int | None = None,
                 initializer: Callable[[], object] | None = None) -> None:
        if workers < 0:
            raise ValueError("workers must be >= 0")
        self.workers = workers
        self.max_in_flight = max_in_flight or 2 * max(workers, 1)
        self.initializer = initializer
        self.crashes = 0
        self.in_flight = 0
        self.peak_in_flight = 0
        self._pool: list[_Worker] = []
        self._slots: asyncio.Semaphore | None = None

    def start(self) -> None:
        """Start the workers (returns at once; they warm up meanwhile)."""
        if self.workers and not self._pool:
            self._pool = [_Worker(self.initializer) for _ in range(self.workers)]

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker (``fn`` and the arguments must pickle), awaited.

        Raises:
            WorkerCrashed: a worker process died during the call (the pool is replaced).
            Exception: whatever ``fn`` raised.
        """
        if not self.workers:
            return fn(*args)
        self.start()
        loop = asyncio.get_running_loop()
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
        async with self._slots:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            try:
                for worker in self._pool:
                    worker.attach(loop, self._died)
                worker = min(self._pool, key=lambda w: len(w.waiting))
                future: asyncio.Future[T] = loop.create_future()
                worker.send(fn, args, future)
                return await future
            finally:
                self.in_flight -= 1

    def _died(self, dead: _Worker) -> None:
        if dead not in self._pool:
            return
        self.crashes += 1
        old, self._pool = self._pool, [_Worker(self.initializer) for _ in range(self.workers)]
        dead.process.join(timeout=10)
        code = dead.process.exitcode
        for worker in old:
            worker.stop(lambda name: WorkerCrashed(
                f"a worker process died while running {name} (exit code {code}); the pool was restarted"),
                kill=True)

    def close(self, kill: bool = False) -> None:
        """Stop the workers: each finishes the call it is running, or at once with ``kill``
        (for a pool that was never given work: a worker still warming up would be waited for)."""
        for worker in self._pool:
            worker.stop(lambda name: WorkerCrashed(f"the pool closed while running {name}"), kill=kill)
        self._pool = []
