"""Read what a QR code in a layout encodes, for a qr slot or a code in a flow's qr block.

Input: the slot's or code's node and the type roles. Output: a `model.QrSpec`.
"""

from __future__ import annotations

from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics
from outreach.core.layout_specs import QrSpec, TypeRole
from outreach.layout.spec.fields import read_role_name


def read_qr(node: Node, roles: dict[str, TypeRole], diags: Diagnostics) -> QrSpec | None:
    """What a QR code encodes (a contact or a link), its scheme, error correction and caption."""
    contact_node, link_node = node.get("contact"), node.get("link")
    scheme_node = node.get("scheme")
    if (contact_node is None) == (link_node is None):
        diags.error(
            "layout.bad-qr", "a qr slot needs exactly one of `contact` or `link`", node.location
        )
        return None
    scheme = str(scheme_node.value) if scheme_node else ("tel" if contact_node else "https")
    allowed = ("tel", "sms") if contact_node else ("https",)
    if scheme not in allowed:
        diags.error(
            "layout.bad-qr",
            f"scheme `{scheme}` does not fit this qr slot",
            scheme_node.location if scheme_node else node.location,
            hints=(f"use one of: {', '.join(allowed)}",),
        )
        return None
    ecc_node = node.get("error_correction")
    ecc = str(ecc_node.value) if ecc_node else "M"
    if ecc not in ("L", "M", "Q", "H"):
        diags.error(
            "layout.bad-qr",
            f"error_correction `{ecc}` must be L, M, Q or H",
            ecc_node.location if ecc_node else node.location,
        )
        return None
    caption_node = node.get("caption")
    caption_role = read_role_name(node.get("caption_role"), roles, diags) or ""
    if caption_node is not None and not caption_role:
        diags.error("layout.missing-key", "a qr caption needs a `caption_role`", node.location)
    return QrSpec(
        contact=str(contact_node.value) if contact_node else None,
        link=str(link_node.value) if link_node else None,
        scheme=scheme,
        caption_key=str(caption_node.value) if caption_node else None,
        caption_role=caption_role,
        error_correction=ecc,
    )
