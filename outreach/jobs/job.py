"""The job model: `Job` (one PDF to make), its wallet-card `CardOptions`, a `Kit` of jobs.

Input: the values a kit file (`kits.py`) or a caller gives. Output: frozen `Job`,
`CardOptions` and `Kit` values, and the file name of each job's PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from outreach.core.values import value_methods


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class CardOptions:
    """Wallet-card options of a job: imposed sheets, print run and QR code (issue 3).

    `sheet` None means single-card PDFs (one trim-size page per side). `alignment_test`
    marks the job that makes the duplex alignment test sheet for a sheet job.
    """

    sheet: str | None = None
    imposition: str | None = None  # None: the layout's default for the profile
    duplex: str = "long-edge"
    order: str = "cut-and-stack"
    sites: str | None = None  # site list, relative to the kit file
    cut_guide: bool = False
    qr: str | None = None  # `tel:hotline`, `sms:hotline_text`, `link:hotline_site`
    tracking: str | None = None  # query parameter for campaign tags on link codes
    alignment_test: bool = False
    organization: bool = False  # print the layout's `organization_slots` (discreet card)


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Job:
    """One PDF to make."""

    material: str
    size: str | None
    language: str
    profile: str
    county: str | None = None  # notice: picks the third required language
    extra_languages: tuple[str, ...] = ()  # notice: languages printed after the required ones
    quantity: int | None = None  # copies to print, for the print order
    card: CardOptions | None = None  # wallet cards: sheets, print runs, QR code

    def file_name(self, size: str, default_size: str | None = None) -> str:
        """`poster-letter-en-office.pdf`: material, size, language tag, profile.

        Wallet-card sheets are named by the sheet (`wallet-card-sheet-letter-en-press.pdf`),
        with the card size first when it is not the layout's `default_size`, and the run's
        name last when the cards are for a site list.
        """
        card = self.card
        if card is None or card.sheet is None:
            return f"{self.material}-{size}-{self.language}-{self.profile}.pdf"
        base = self.material if size == default_size else f"{self.material}-{size}"
        if card.alignment_test:
            return f"{base}-alignment-{card.sheet}-{self.profile}.pdf"
        run = f"-{PurePosixPath(card.sites).stem}" if card.sites else ""
        return f"{base}-sheet-{card.sheet}-{self.language}-{self.profile}{run}.pdf"


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Kit:
    """A named print run: the pack it uses and its jobs."""

    name: str
    pack: str
    path: str
    jobs: tuple[Job, ...]
