"""glibc memory tuning for the server: called once from dashboard.py, never at import time."""

from __future__ import annotations

import ctypes
import functools

MALLOC_ARENAS = 2


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: its allocator is left as it is
        return None


@functools.cache
def share_malloc_arenas() -> None:
    """Let the threads that run readers' sessions share MALLOC_ARENAS glibc heaps, as
    MALLOC_ARENA_MAX would: by default each thread can get its own (up to 8 per core), and
    memory one session's computation freed stayed in its heap while the next computation, in
    another thread, took fresh memory. Ten readers at 600,000 positions peaked at 1,028 MB
    with per-thread heaps. Cached: the first call in a process sets it."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(-8, MALLOC_ARENAS)  # -8: M_ARENA_MAX in glibc's malloc.h


def release_freed_memory() -> None:
    """Hand the pages a computation freed back to the system (glibc keeps them otherwise), so
    that the next first view starts from the memory in use rather than the last one's peak."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
