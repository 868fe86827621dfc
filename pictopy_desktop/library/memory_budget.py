"""Memory budgets: decode workers the free memory allows, and the image cache a window needs.

Each indexing worker holds its own single-threaded model sessions, one photo being
decoded and its analysis: measured at about 145 MB a worker for 12 MP JPEGs
(``benchmarks/bench_memory_huge.py`` has the huge-image figures). A worker count that
follows the cores alone would ask an 8-core laptop for gigabytes it may not have.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

MiB = 1024 * 1024
# One worker: model sessions and analysis (~145 MB measured) plus a photo decoded whole
# up to image_decode.HUGE_DECODE_BYTES, with headroom.
PER_WORKER_BYTES = 320 * MiB
# Kept free beside the workers: the main process, its models and the one huge image
# allowed to decode at a time (a 200 MP PNG is 800 MB of pixels).
RESERVED_BYTES = 1024 * MiB


def _proc_meminfo_available(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cgroup_available(root: Path = Path("/sys/fs/cgroup")) -> int | None:
    """What a cgroup v2 memory limit (a container, a systemd slice) still allows, if one is set."""
    try:
        limit = (root / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return max(0, int(limit) - int((root / "memory.current").read_text().strip()))
    except (OSError, ValueError):
        return None


def _windows_available() -> int | None:
    class MemoryStatus(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus()
    status.dwLength = ctypes.sizeof(MemoryStatus)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.ullAvailPhys)


def available_memory() -> int | None:
    """Bytes of memory this process can still use without swapping, or None where unknown."""
    if sys.platform == "win32":
        return _windows_available()
    candidates = [_proc_meminfo_available(), _cgroup_available()]
    if candidates[0] is None:
        try:  # other Unixes: free pages (a low guess: it leaves out the reclaimable cache)
            candidates.append(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
        except (ValueError, OSError, AttributeError):
            pass
    known = [c for c in candidates if c is not None]
    return min(known) if known else None


def decode_workers(
    cpu_count: int | None,
    available: int | None,
    per_worker: int = PER_WORKER_BYTES,
    reserved: int = RESERVED_BYTES,
) -> int:
    """Decode workers for indexing: one a core (at least 2, so decoding overlaps storing),
    but no more than the free memory holds after ``reserved``; never fewer than one."""
    by_cores = max(2, cpu_count or 1)
    if available is None:
        return by_cores
    by_memory = max(1, (available - reserved) // per_worker)
    return int(min(by_cores, by_memory))


# Screens of tiles the image cache holds: the one in view, one above and one below it, so
# scrolling back and forth repaints from memory (issue 15: memory that stays flat).
CACHE_SCREENS = 3


def tile_cache_bytes(
    view_width: int, view_height: int, tile: int, tile_bytes: int, screens: float = CACHE_SCREENS
) -> int:
    """Bytes that hold ``screens`` screens of ``tile``-pixel tiles in a ``view_width`` x
    ``view_height`` grid, each tile's image costing at most ``tile_bytes``.

    A screen counts one more row than fits: scrolled part-way, a row shows at the top and
    the bottom. What the window cannot show is not worth keeping decoded: it reloads in
    milliseconds from the thumbnail files.
    """
    tile = max(1, tile)
    columns = max(1, view_width // tile)
    rows = -(-max(1, view_height) // tile) + 1
    return int(screens * columns * rows * tile_bytes)


def _load_glibc(name: str, *argtypes):
    """glibc's function ``name``, or None where the C library has none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int
    return function


_MALLOC_TRIM = _load_glibc("malloc_trim", ctypes.c_size_t)
_MALLOPT = _load_glibc("mallopt", ctypes.c_int, ctypes.c_int)
_M_ARENA_MAX = -8  # mallopt's parameter number in glibc's malloc.h
# Malloc arenas the app's threads share. glibc gives each new thread its own, up to 8 a core,
# and an arena keeps its freed fragments resident: the first visit of People (face crops
# decoded on the pool's threads) left about 14 MB behind in theirs, 6 MB with two arenas and
# 1 MB with one (bench_memory_browse, after malloc_trim). The app has few threads (a pool of
# at most 4, one writer, the indexer and its decoders) and pixel buffers are mapped outside
# the arenas, so sharing costs little waiting (bench_gui_latency: the same photos/s and p99).
MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let threads started from now on share at most ``arenas`` malloc arenas (glibc; elsewhere,
    or when the user set ``MALLOC_ARENA_MAX`` themselves, nothing changes). True if applied."""
    if _MALLOPT is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    return bool(_MALLOPT(_M_ARENA_MAX, arenas))


def can_release_free_memory() -> bool:
    """Whether ``release_free_memory`` can do anything on this C library."""
    return _MALLOC_TRIM is not None


def release_free_memory() -> None:
    """Hand memory already freed back to the OS (glibc; a no-op elsewhere).

    A huge image decoded in a worker thread leaves its pixels' pages in that thread's malloc
    arena once freed (Pillow's 16 MB blocks sit under glibc's raised mmap threshold), so each
    thread that ever decoded one would keep ~800 MB resident. ``malloc_trim(0)`` returns the
    free pages of every arena.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
