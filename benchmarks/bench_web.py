"""Warm previews in the web app: median of 20 letter posters, PDF built and pages rendered.

Each round asks the app's `Workshop` for a new piece (the cache is cleared), as a person
changing the language or the printer would: the project (fonts, packs, layouts) stays
loaded. Target: under 0.2 s on the 2-core machine (issue 17). The CPU-time row says what
a preview costs when other processes share the cores.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from outreach.web.previews import PieceChoice, Workshop


def main() -> None:
    workshop = Workshop(Path(tempfile.mkdtemp()))
    first = time.perf_counter()
    workshop.make(PieceChoice("poster", "letter", "en", "office"))
    cold = time.perf_counter() - first
    times, cpu = [], []
    for round_ in range(20):
        workshop._made.clear()  # a new piece each round, as after a change on the form
        language = ("en", "es")[round_ % 2]
        start, start_cpu = time.perf_counter(), time.process_time()
        made = workshop.make(PieceChoice("poster", "letter", language, "office"))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert made.ok
        assert made.pages
    print("| preview (PDF + PNG of each page) | seconds |")
    print("|---|---|")
    print(f"| first, cold process | {cold:.3f} |")
    print(f"| warm letter poster, median of 20 | {statistics.median(times):.3f} |")
    print(f"| warm, slowest of 20 | {max(times):.3f} |")
    # CPU time of this process: what a preview costs whatever else runs on the machine
    print(f"| warm letter poster, CPU, median of 20 | {statistics.median(cpu):.3f} |")


if __name__ == "__main__":
    main()
