"""A process pool whose workers stop with the build: on Ctrl-C, and when the parent dies.

Input: the number of workers. Output: a `ProcessPoolExecutor`, and `stop_pool` to end it
at once. Without this, Ctrl-C ran every remaining job before the traceback, and a killed
build's workers lived on (issue 21).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _init_worker(parent: int) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the parent alone decides what
    # stops, and ends its workers itself (no traceback from each of them).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl: stop_pool still ends the workers
            return
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes that ignore SIGINT and die with their parent (Linux)."""
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(os.getpid(),),
    )


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel the jobs not started and end the workers now, without waiting for their jobs."""
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.kill()
            process.join(timeout=2)
