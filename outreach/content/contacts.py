"""Read a pack's contacts and links into `Contact`s and `Link`s checked digit by digit and by host.

Input: the `contacts:`, `links:` and `allowed_hosts:` nodes of `pack.yaml`. Output:
`model.Contact`s whose printed and dialled forms are the same number, and `model.Link`s
to first-party https hosts; a diagnostic for every entry that is not.
"""

from __future__ import annotations

from outreach.content.pack_fields import _entries, _string, _text_list
from outreach.content.phones import dial_digits, dials, is_premium_rate, parse_dial_form
from outreach.content.safety import check_url
from outreach.content.yamlfile import Node
from outreach.core.diagnostics import Diagnostics, Location
from outreach.core.model import Contact, Link, Pack

CONTACT_KINDS = ("voice", "sms", "short")


def _allowed_hosts(node: Node | None, diags: Diagnostics) -> tuple[str, ...]:
    if node is None:
        return ()
    hosts = _text_list(
        node,
        diags,
        "allowed_hosts",
        ("host names", "write e.g. `allowed_hosts: [humantraffickinghotline.org]`"),
    )
    return tuple(host.lower() for host in hosts or ())


def _links(node: Node | None, hosts: tuple[str, ...], diags: Diagnostics) -> dict[str, Link]:
    links: dict[str, Link] = {}
    for key, entry in _entries(
        node, diags, "link", "links", required=("url",), optional=("verify",)
    ):
        url = _string(entry.get("url"), diags, "an https URL")
        verify_node = entry.get("verify")
        verify = _string(verify_node, diags, "a note") if verify_node else None
        if url is None:
            continue
        problem = check_url(url, hosts)
        url_node = entry.get("url")
        assert url_node is not None
        if problem:
            diags.error(
                "content.bad-link",
                problem,
                url_node.location,
                hints=("use a first-party https link whose host is listed in `allowed_hosts`",),
            )
            continue
        links[key] = Link(key=key, url=url, location=url_node.location, verify=verify)
    return links


def _contacts(node: Node | None, diags: Diagnostics) -> dict[str, Contact]:
    contacts: dict[str, Contact] = {}
    for key, entry in _entries(
        node,
        diags,
        "contact",
        "contacts",
        required=("name", "kind", "display", "dial"),
        optional=("alternate", "keyword", "hours", "source", "premium_rate"),
    ):
        fields = {
            name: _string(entry.get(name), diags, name)
            for name in (
                "name",
                "kind",
                "display",
                "dial",
                "alternate",
                "keyword",
                "hours",
                "source",
            )
        }
        kind, display, dial = fields["kind"], fields["display"], fields["dial"]
        if fields["name"] is None or kind is None or display is None or dial is None:
            continue
        kind_node = entry.get("kind")
        assert kind_node is not None
        if kind not in CONTACT_KINDS:
            diags.error(
                "content.bad-value",
                f"contact kind `{kind}` is not one of {', '.join(CONTACT_KINDS)}",
                kind_node.location,
                hints=(
                    "use `voice` for phone numbers, `sms` for text lines, "
                    "`short` for codes such as 911",
                ),
            )
            continue
        if not _check_phone(key, kind, display, dial, fields["alternate"], entry, diags):
            continue
        if kind == "voice" and is_premium_rate(dial) and entry.get("premium_rate") is None:
            dial_node = entry.get("dial")
            assert dial_node is not None
            diags.error(
                "content.premium-number",
                f"contact `{key}` dials {dial}, a premium-rate number that charges the caller",
                dial_node.location,
                hints=(
                    "help lines are free to call: check the number against its source",
                    'if the charge is intended, say why in `premium_rate: "..."`',
                ),
            )
            continue
        contacts[key] = Contact(
            key=key,
            name=fields["name"],
            kind=kind,
            display=display,
            dial=dial,
            location=entry.location,
            alternate=fields["alternate"],
            keyword=fields["keyword"],
            hours=fields["hours"],
            source=fields["source"],
        )
    return contacts


def _check_phone(
    key: str,
    kind: str,
    display: str,
    dial: str,
    alternate: str | None,
    entry: Node,
    diags: Diagnostics,
) -> bool:
    dial_node = entry.get("dial")
    display_node = entry.get("display")
    assert dial_node is not None and display_node is not None
    if kind == "voice":
        parsed = parse_dial_form(dial)
        if parsed.digits is None or parsed.national is None:
            diags.error(
                "content.bad-phone",
                f"dial form `{dial}` of contact `{key}` {parsed.problem}",
                dial_node.location,
                hints=(
                    "write the dial form in E.164, e.g. `+18883737888`"
                    if parsed.problem and "parse" in parsed.problem
                    else "check every digit against the source",
                ),
            )
            return False
        expected = parsed.digits
        for label, printed, node in (
            ("display", display, display_node),
            ("alternate", alternate, entry.get("alternate")),
        ):
            if printed is None or node is None:
                continue
            digits = dial_digits(printed)
            if not dials(printed, expected) and digits != parsed.national:
                diags.error(
                    "content.phone-mismatch",
                    f"{label} form `{printed}` of contact `{key}` dials {digits}, "
                    f"but the dial form is {dial}",
                    node.location,
                    hints=("the printed and dialled numbers must be the same number",),
                )
                return False
        return True
    if not dial.isdigit() or not 3 <= len(dial) <= 6:
        diags.error(
            "content.bad-phone",
            f"short code `{dial}` of contact `{key}` must be 3 to 6 digits",
            dial_node.location,
            hints=("write only the digits, e.g. `233733`",),
        )
        return False
    if dial_digits(display) != dial:
        diags.error(
            "content.phone-mismatch",
            f"display form `{display}` of contact `{key}` does not match its dial form `{dial}`",
            display_node.location,
            hints=("the printed and dialled numbers must be the same",),
        )
        return False
    return True


def local_line(pack: Pack, number_only: bool = False) -> tuple[str, Location] | None:
    """The pack's own line as printed, `Name, number`, and where it is defined; or None.

    `organization.local_contact` names it; posters, cards and the brochure print it (issue
    17). `number_only`: the number alone, for a piece (the discreet card) whose holder may be
    watched, where a name that may say "trafficking" must never be printed.
    """
    key = pack.organization.local_contact
    contact = pack.contacts.get(key) if key else None
    if contact is None:
        return None
    if number_only:
        return contact.display, contact.location
    return f"{contact.name}, {contact.display}", contact.location
