"""Run a job over items on a small thread pool, handing results back in order.

Decoding, hashing and inference release the GIL, so the calling thread can write to the
database while the workers read ahead; results come back in input order so a run's
progress and its commits follow the order of the files.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from pictopy_desktop.library.index_report import StopFn

T = TypeVar("T")
R = TypeVar("R")
_END = object()


def read_ahead(
    items: Iterable[T],
    job: Callable[[T], R],
    should_stop: StopFn,
    workers: int,
    prefetch: int,
) -> Iterator[tuple[T, R]]:
    """Yield ``(item, job(item))`` in order, with up to ``prefetch`` jobs running ahead.

    Once ``should_stop()`` is true no new job starts; those already started are handed back.
    """
    queue: deque[tuple[T, Future[R]]] = deque()
    it = iter(items)
    with ThreadPoolExecutor(workers, thread_name_prefix="pictopy-decode") as pool:
        try:
            while True:
                while len(queue) < prefetch and not should_stop():
                    item = next(it, _END)
                    if item is _END:
                        break
                    queue.append((item, pool.submit(job, item)))  # type: ignore[arg-type]
                if not queue:
                    return
                item, fut = queue.popleft()
                yield item, fut.result()
        finally:
            for _, fut in queue:
                fut.cancel()
