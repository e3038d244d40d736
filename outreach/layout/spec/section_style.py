"""Read how a flow sets the pack's sections: `sections: pack` and its `section_style` (issue 15).

Input: a flow slot's `section_style` node and the layout's roles. Output: a
`model.SectionStyle`: the role of each kind of text, chart heights, QR size and caption
role. Bundled layouts place roles ("the pack's sections, in order"), never a pack's keys.
"""

from __future__ import annotations

from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics, Location, choice_hints
from outreach.core.layout_specs import SectionStyle, TypeRole
from outreach.layout.spec.fields import check_keys_in_layout, read_length

# `sections: pack`: every section of the pack but its resources, in order;
# `sections: resources`: the pack's resources sections (the brochure's flap).
PACK_SECTIONS = ("pack", "resources")
DEFAULT_ROLES = {
    "paragraph": "body",
    "subheading": "subheading",
    "list": "body",
    "source": "source",
    "callout": "callout",
}
DEFAULT_LENGTHS = {
    "bar_height": "0.39in",
    "waffle_height": "2.15in",
    "qr_size": "0.8in",
}


def read_section_style(
    node: Node | None, roles: dict[str, TypeRole], location: Location, diags: Diagnostics
) -> SectionStyle | None:
    """The style of a `sections: pack` flow; every key has a default."""
    if node is not None and not check_keys_in_layout(
        node,
        diags,
        optional=("roles", *DEFAULT_LENGTHS, "qr_caption_role"),
        what="section_style",
    ):
        return None
    before = diags.error_count
    names = dict(DEFAULT_ROLES)
    roles_node = node.get("roles") if node is not None else None
    if roles_node is not None and check_keys_in_layout(
        roles_node, diags, optional=tuple(DEFAULT_ROLES), what="section_style roles"
    ):
        names.update({str(k): str(v.value) for k, v in roles_node.value.items()})
    caption_node = node.get("qr_caption_role") if node is not None else None
    names["qr_caption"] = str(caption_node.value) if caption_node is not None else "qr_caption"
    for what, role in names.items():
        if role not in roles:
            diags.error(
                "layout.unknown-role",
                f"section_style sets {what} text in role `{role}`, which is not defined",
                (roles_node or caption_node or node or Node(None, location)).location,
                hints=(
                    *choice_hints(role, roles),
                    f"define role `{role}`, or name another in `section_style`",
                ),
            )
    lengths: dict[str, float] = {}
    for key, default in DEFAULT_LENGTHS.items():
        given = node.get(key) if node is not None else None
        value = read_length(given or Node(default, location), diags)
        if value is not None:
            lengths[key] = value
    if diags.error_count > before or len(lengths) < len(DEFAULT_LENGTHS):
        return None
    caption_role = names.pop("qr_caption")
    return SectionStyle(
        roles=names,
        bar_height=lengths["bar_height"],
        waffle_height=lengths["waffle_height"],
        qr_size=lengths["qr_size"],
        qr_caption_role=caption_role,
    )
