"""Write a wallet-card print run for the benchmarks: a kit and a site list of N cards.

Used by bench_cards.py (through the CLI) and by the peers' 1,000-card workload (through
`outreach.jobs.run`), so both time the same run.
"""

from __future__ import annotations

from pathlib import Path

KIT = """[kit]
name = "bench"
pack = "alameda-heart"

[[jobs]]
material = "wallet-card"
sizes = ["cr80"]
sheets = ["letter"]
languages = ["en"]
profiles = ["{profile}"]
sites = "sites.csv"
qr = "link:hotline_site"
tracking = "src"
alignment = false
"""
LOCAL_CONTACT = "CAST 1-888-539-2373"


def write_card_run(
    folder: Path,
    cards: int,
    *,
    sites: int | None = None,
    local_every: int = 0,
    profile: str = "office",
) -> Path:
    """Write `kits/bench.toml` and `kits/sites.csv` below `folder`; return the kit's path.

    By default each card has its own site, so every card carries its own QR code (its
    campaign tag); every `local_every`-th site gets a local contact line.
    """
    sites = sites or cards
    kits = folder / "kits"
    kits.mkdir(parents=True, exist_ok=True)
    rows = ["id,name,quantity,local_contact,campaign"]
    for number in range(sites):
        contact = LOCAL_CONTACT if local_every and number % local_every == 0 else ""
        quantity = cards // sites + (1 if number < cards % sites else 0)
        rows.append(f"s{number:06d},Site {number},{quantity},{contact},c{number:06d}")
    (kits / "sites.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    kit = kits / "bench.toml"
    kit.write_text(KIT.format(profile=profile), encoding="utf-8")
    return kit
