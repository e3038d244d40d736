"""Run both PDF/UA checkers over a folder of built PDFs and print failures per rule.

Input: a folder of PDFs (default: the default kit built into a temporary folder). Output:
one table row per failed rule of `page-validation`'s PDF/UA-1 profile and of `pdfua`
(errors and warnings), with the number of files and of occurrences (issue 19).
Run: `python benchmarks/bench_pdfua.py [FOLDER]`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def check_folder(folder: Path) -> tuple[int, int, Counter[str], Counter[str]]:
    """Validate every PDF in `folder`: (files, files passing, files per rule, occurrences)."""
    import page
    import pdfua

    files: Counter[str] = Counter()
    passing = 0
    uses: Counter[str] = Counter()
    pdfs = sorted(folder.glob("*.pdf"))
    for pdf in pdfs:
        report = page.validate_pdf(pdf, profile="ua1")
        rules = Counter(f"page {failure.rule_id}" for failure in report.failures)
        findings = pdfua.validate(str(pdf)).findings
        rules.update(
            f"pdfua {finding.rule_id} ({finding.severity.name.lower()})" for finding in findings
        )
        files.update(rules.keys())
        passing += not rules
        uses.update(rules)
    return len(pdfs), passing, files, uses


def main() -> None:
    """Build the default kit (unless a folder is given) and print the table."""
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
    else:
        from outreach import build

        folder = Path(tempfile.mkdtemp(prefix="outreach-pdfua-"))
        start = time.perf_counter()
        build(out_dir=folder)
        print(f"built the default kit into {folder} in {time.perf_counter() - start:.1f} s")
    count, passing, files, uses = check_folder(folder)
    size = sum(path.stat().st_size for path in folder.glob("*.pdf"))
    print(f"{count} PDFs, {size / 1e6:.1f} MB")
    print(f"{'rule':<56} {'files':>6} {'uses':>8}")
    for rule in sorted(files):
        print(f"{rule:<56} {files[rule]:>6} {uses[rule]:>8}")
    print(f"{'files with no failed rule':<56} {passing:>6}")


if __name__ == "__main__":
    main()
