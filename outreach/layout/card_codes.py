"""What a wallet card's QR code says: the kit's choice of payload, checked against the pack.

Split from `card.py`: a print run asks once per site, so each problem is reported the
first time only (`first`), and a site's campaign tag is added to https links alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from outreach.content.sites import Site
from outreach.core.diagnostics import Diagnostics
from outreach.core.layout_specs import SlotSpec
from outreach.core.model import Pack
from outreach.core.values import value_methods
from outreach.layout.qr_target import CONTACT_SCHEMES, find_qr_target, report_unknown_target


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class QrPayload:
    """What a card's QR code says: the code's text and the link under it on screen."""

    data: str
    url: str


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class QrChoice:
    """The kit's choice of payload: `scheme:key` (tel/sms + contact, link + link key).

    `tracking` names a query parameter that carries each site's campaign tag; it is only
    ever added to https links, never to tel: or sms: codes (issue 3).
    """

    scheme: str
    key: str
    tracking: str | None = None


def card_payload(
    slot: SlotSpec,
    site: Site | None,
    chosen: QrChoice | None,
    pack: Pack,
    diags: Diagnostics,
    first: Callable[[str], bool],
) -> QrPayload | None:
    """The QR payload of a slot for a site's cards (None: reported as unknown)."""
    assert slot.qr is not None
    choice = chosen or QrChoice(slot.qr.scheme, slot.qr.contact or slot.qr.link or "")
    target = find_qr_target(pack, choice.scheme, choice.key)
    if target is None:
        # Asked once per site: report once per run.
        if first(f"unknown:{choice.scheme}:{choice.key}"):
            report_unknown_target(
                pack,
                choice.scheme,
                choice.key,
                diags,
                subject=f"the QR code of slot `{slot.id}`",
                location=slot.location,
                code="kit.unknown-fact",
            )
        return None
    if choice.scheme in CONTACT_SCHEMES:
        wanted = ("voice", "short") if choice.scheme == "tel" else ("sms",)
        if target.kind not in wanted:
            if first(f"kind:{choice.scheme}:{choice.key}"):
                diags.error(
                    "kit.bad-qr",
                    f"contact `{choice.key}` is a `{target.kind}` contact and cannot be a "
                    f"`{choice.scheme}:` code",
                    slot.location,
                    hints=("use `tel:` with voice numbers and `sms:` with text lines",),
                )
            return None
        return QrPayload(target.data, target.url)
    url = target.url
    if choice.tracking and site is not None and site.campaign:
        url = _with_query(url, choice.tracking, site.campaign)
    return QrPayload(url, url)


def _with_query(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{name}={value}" if parts.query else f"{name}={value}"
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, parts.fragment))
