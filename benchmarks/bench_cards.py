"""Benchmark a wallet-card print run: N cards, each with its own QR code, on letter sheets.

Runs `python -m outreach build` on a generated kit in a fresh process (so start-up is
counted), then reports cards per second, peak memory (max RSS of the child process) and
PDF bytes per card. Targets (issue 3): >= 1,000 cards/s with start-up (aim 2,000), memory
that does not grow with the run, < 1 KB of PDF per card.

    python benchmarks/bench_cards.py                  # 10,000 cards
    python benchmarks/bench_cards.py 1000 10000 20000 # several run lengths
    python benchmarks/bench_cards.py --qr             # QR encoders alone: ours, zxing-cpp, qrcode
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.card_run import write_card_run  # noqa: E402

EXTRA: list[str] = []  # extra `outreach build` arguments, e.g. --no-check


def run_once(
    cards: int, profile: str, local_every: int, sites: int | None = None
) -> dict[str, float]:
    """Build a run of `cards` cards over `sites` sites (default: one card per site, so
    every card has its own QR code) in a child process; return its figures."""
    with tempfile.TemporaryDirectory() as folder:
        kit = write_card_run(
            Path(folder), cards, sites=sites, local_every=local_every, profile=profile
        )
        out = Path(folder) / "out"
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "outreach",
                "build",
                str(kit),
                "--out",
                str(out),
                "--quiet",
                *EXTRA,
            ],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        seconds = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        entry = manifest["files"][0]
        return {
            "cards": cards,
            "seconds": seconds,
            "cards_per_second": cards / seconds,
            "cpu_seconds": cpu,
            "peak_rss_mb": max(peak, before) / 1024,
            "pdf_bytes": entry["bytes"],
            "bytes_per_card": entry["bytes"] / cards,
            "unique_qr": len(entry["qr_payloads"]),
        }


def bench_qr(count: int) -> None:
    """Time the encoders on `count` distinct URL payloads (version 4, level M)."""
    import numpy as np
    import qrcode

    from outreach.layout.qr import qr_matrices, qr_matrix

    payloads = [f"https://humantraffickinghotline.org/?src=c{i:06d}" for i in range(count)]
    start = time.perf_counter()
    qr_matrices(payloads)
    batch = (time.perf_counter() - start) / count
    start = time.perf_counter()
    for payload in payloads[:2000]:
        qr_matrix.__wrapped__(payload, "M")
    single = (time.perf_counter() - start) / min(count, 2000)
    print(f"outreach numpy encoder, batch : {batch * 1e6:7.1f} us/code")
    print(f"outreach Python encoder, single: {single * 1e6:6.1f} us/code")
    try:
        import zxingcpp

        start = time.perf_counter()
        for payload in payloads:
            image = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
            np.asarray(image.to_image(add_quiet_zones=True))
        print(
            f"zxing-cpp create_barcode      : "
            f"{(time.perf_counter() - start) / count * 1e6:7.1f} us/code"
        )
    except ImportError:
        print("zxing-cpp not installed")
    sample = payloads[:300]
    start = time.perf_counter()
    for payload in sample:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data(payload, optimize=0)
        code.make(fit=True)
        code.get_matrix()
    print(
        f"qrcode 8 (pure Python masks)  : "
        f"{(time.perf_counter() - start) / len(sample) * 1e6:7.1f} us/code"
    )


def main() -> None:
    """Run the benchmark and print one line per run length."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cards", nargs="*", type=int, default=[10_000])
    parser.add_argument("--profile", default="office", choices=("office", "press"))
    parser.add_argument(
        "--local-every",
        type=int,
        default=10,
        help="every n-th site gets a local contact line (0: none)",
    )
    parser.add_argument(
        "--sites",
        type=int,
        default=None,
        help="spread the cards over this many sites (default: one card each)",
    )
    parser.add_argument("--qr", action="store_true", help="time the QR encoders alone")
    parser.add_argument(
        "--no-check", action="store_true", help="skip the PDF preflight that every build runs"
    )
    args = parser.parse_args()
    if args.no_check:
        EXTRA.append("--no-check")
    if args.qr:
        bench_qr(10_000)
        return
    print(
        f"{'cards':>7} {'seconds':>8} {'cards/s':>8} {'CPU s':>6} {'CPU cards/s':>11} "
        f"{'peak MB':>8} {'PDF MB':>7} {'B/card':>7} {'QR':>6}"
    )
    for cards in args.cards:
        r = run_once(cards, args.profile, args.local_every, args.sites)
        print(
            f"{r['cards']:>7} {r['seconds']:>8.2f} {r['cards_per_second']:>8.0f} "
            f"{r['cpu_seconds']:>6.2f} {r['cards'] / r['cpu_seconds']:>11.0f} "
            f"{r['peak_rss_mb']:>8.1f} {r['pdf_bytes'] / 1e6:>7.2f} {r['bytes_per_card']:>7.0f} "
            f"{r['unique_qr']:>6}"
        )


if __name__ == "__main__":
    main()
