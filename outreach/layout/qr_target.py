"""Resolve what a QR code points at, and check that its modules are large enough to scan.

Input: a pack's contacts and links, a scheme (`tel`, `sms`, or a link) and a key; a code's
side and module count. Output: a `QrTarget` (payload, link annotation, printed text), or
`layout.unknown-fact` / `qr.too-small` diagnostics. Posters, flows and wallet cards all
place codes; this is the one place that decides what a code says and whether it scans.
"""

from __future__ import annotations

from dataclasses import dataclass

from outreach.core.diagnostics import Diagnostics, Location, did_you_mean
from outreach.core.layout_specs import LayoutSpec, QrSpec
from outreach.core.model import Pack
from outreach.core.units import to_mm
from outreach.core.values import value_methods

CONTACT_SCHEMES = ("tel", "sms")  # any other scheme names a link


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class QrTarget:
    """What a code says, what a tap on it opens, and what is printed beside it.

    `kind` is the contact's kind (`voice`, `sms`, `short`) or `link`, so a caller can
    refuse a pairing such as a voice number in an `sms:` code.
    """

    data: str
    url: str
    printed: str
    kind: str


def spec_target(spec: QrSpec) -> tuple[str, str]:
    """A layout's QR slot as (scheme, key): its contact's scheme, or `https` and its link."""
    if spec.contact is not None:
        return spec.scheme, spec.contact
    return "https", spec.link or ""


def find_qr_target(pack: Pack, scheme: str, key: str) -> QrTarget | None:
    """The target of `scheme:key` in a pack, or None if the pack has no such fact.

    A `tel` code dials the number; an `sms` code opens a text with the keyword (the
    `SMSTO:` form camera apps understand), while its link annotation is a plain `sms:`.
    """
    if scheme in CONTACT_SCHEMES:
        contact = pack.contacts.get(key)
        if contact is None:
            return None
        if scheme == "tel":
            return QrTarget(contact.tel_uri(), contact.tel_uri(), contact.display, contact.kind)
        return QrTarget(contact.sms_uri(), f"sms:{contact.dial}", contact.display, contact.kind)
    link = pack.links.get(key)
    if link is None:
        return None
    return QrTarget(link.url, link.url, link.display, "link")


def report_unknown_target(
    pack: Pack,
    scheme: str,
    key: str,
    diags: Diagnostics,
    *,
    subject: str,
    location: Location,
    code: str = "layout.unknown-fact",
) -> None:
    """Report a code whose contact or link the pack does not have, with the known ones.

    `subject` names the code as its caller sees it: a slot, a flow's code, a card's code.
    """
    if scheme in CONTACT_SCHEMES:
        kind, known = "contact", list(pack.contacts)
    else:
        kind, known = "link", list(pack.links)
    near = did_you_mean(key, known)
    diags.error(
        code,
        f"{subject} names unknown {kind} `{key}`",
        location,
        hints=((f"did you mean `{near}`?",) if near else ()) + (f"known: {', '.join(known)}",),
    )


def check_module_size(
    side: float,
    modules: int,
    spec: LayoutSpec,
    diags: Diagnostics,
    *,
    subject: str,
    location: Location,
    hints: tuple[str, ...],
    where: str = "",
) -> None:
    """Report a code whose modules are smaller than the material's `min_qr_module`.

    `modules` counts the quiet zone too, as the matrix does. The minimum is the layout's,
    since how small a code may be depends on how far away it is read from.
    """
    module = side / modules
    if module >= spec.min_qr_module - 1e-9:
        return
    diags.error(
        "qr.too-small",
        f"{subject} has {to_mm(module):.2f} mm modules{where}; this material needs at least "
        f"{to_mm(spec.min_qr_module):.2f} mm to scan reliably",
        location,
        hints=hints,
    )
