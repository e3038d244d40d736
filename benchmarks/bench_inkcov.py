"""Ghostscript's `inkcov` over built press files: ink coverage per page, and the worst.

Input: a folder of built PDFs (default: a fresh build of the default kit's press files in
a temporary folder). Output: a table, one row per file, of the largest coverage of each
ink on any page, in percent of the page's area, and the files over a limit. Optional: it
says so and exits 0 when Ghostscript (`gs`) is not installed. `inkcov` averages over the
whole page; the per-colour limit is checked on the Document (`checks/inks.py`).

    python benchmarks/bench_inkcov.py [DIR] [--limit 300]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def inkcov(gs: str, pdf: Path) -> list[tuple[float, float, float, float]]:
    """(C, M, Y, K) coverage of each page, 0..1, as Ghostscript's inkcov device reports."""
    result = subprocess.run(
        [gs, "-q", "-o", "-", "-sDEVICE=inkcov", "-r72", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    pages = []
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4:
            try:
                pages.append(tuple(float(value) for value in parts[:4]))
            except ValueError:
                continue
    return pages  # type: ignore[return-value]


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--limit", type=float, default=300.0)
    args = parser.parse_args()
    gs = shutil.which("gs")
    if gs is None:
        sys.stdout.write("Ghostscript (gs) is not installed: nothing measured\n")
        return 0
    folder = args.folder
    if folder is None:
        from outreach import build

        folder = Path(tempfile.mkdtemp(prefix="inkcov-"))
        build(out_dir=folder, profiles=["press"])
    sys.stdout.write(f"{'file':60} {'C':>6} {'M':>6} {'Y':>6} {'K':>6} {'total':>6}\n")
    over = []
    for pdf in sorted(folder.glob("*-press.pdf")):
        pages = inkcov(gs, pdf)
        if not pages:
            continue
        worst = max(pages, key=sum)
        total = sum(worst) * 100
        sys.stdout.write(
            f"{pdf.name:60} " + " ".join(f"{v * 100:6.1f}" for v in worst) + f" {total:6.1f}\n"
        )
        if total > args.limit:
            over.append(pdf.name)
    sys.stdout.write(f"{len(over)} files average more than {args.limit:g}% over a page\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
