"""Adapt the pack to an organization: a form's name, team, local line, logo, colours in; a pack out.

Input: what the form says, and the bundled pack it starts from. Output: a pack folder in
the project, `content/<id>/`, whose `pack.yaml` is the bundled one with these lines changed
(the same YAML a person would write, comments kept), its content, the chosen languages'
catalogs and the logo (`images/logo.<ext>`), and a kit `kits/<id>.toml`, so `outreach
build kits/<id>.toml` makes the same pieces as the browser. The local line is checked with
libphonenumber (`content/phones.py`): its printed form must dial the number it names. The
pack is written into a temporary folder, loaded and checked like any pack, built into its
pieces (`web/branding.py`: the logo and colours judged by the library's own checks), and
renamed into place only when it has no errors.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from outreach.content.pack import load_pack
from outreach.content.phones import (
    dial_digits,
    dials,
    find_numbers,
    is_premium_rate,
    parse_dial_form,
)
from outreach.core.diagnostics import Diagnostic, Diagnostics, Location
from outreach.core.values import value_methods
from outreach.jobs.project import DEFAULT_PACK, Project
from outreach.web.branding import (
    BrandColor,
    Logo,
    brand_yaml,
    check_logo,
    check_pieces,
    logo_yaml,
    read_colors,
)

PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
MAX_TEXT = 120  # characters of a name or a printed line


@value_methods
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Organization:
    """What the form says about the organization."""

    pack_id: str
    name: str
    team: str
    local_name: str
    local_number: str
    languages: tuple[str, ...]
    logo: Logo | None = None
    colors: tuple[tuple[str, str, str], ...] = ()  # (palette name, `#rrggbb`, CMYK or "")
    title: str = ""  # the pack's title; empty: made from the organization's name
    remove_logo: bool = False  # drop the logo saved before (only when asked, never by omission)
    logo_alt: str = ""  # the form's alt text and licence, for a logo saved before
    logo_licence: str = ""


def pack_title(org: Organization) -> str:
    """The adapted pack's title: the form's, else the bundled pack's title with the organization.

    Never the bundled pack's own ("... in Alameda County"): a PDF's title names its publisher.
    """
    return org.title.strip() or f"Human trafficking: where to get help ({org.name.strip()})"


def _field_error(diags: Diagnostics, key: str, message: str, hint: str) -> None:
    diags.error("content.bad-value", message, Location("form", key=key), hints=(hint,))


def check_organization(org: Organization, offered: list[str], diags: Diagnostics) -> str | None:
    """Check the form; returns the local line's E.164 form (or None when there is none)."""
    if not PACK_ID.fullmatch(org.pack_id) or org.pack_id == DEFAULT_PACK:
        _field_error(
            diags,
            "pack_id",
            f"pack name `{org.pack_id}` is not a new folder name",
            "use 2-40 lowercase letters, digits and hyphens, e.g. `oakland-clinic`",
        )
    texts = (("name", org.name), ("team", org.team), ("local_name", org.local_name))
    for key, value in (*texts, ("title", org.title)):
        if key in {"name", "team"} and not value.strip():
            _field_error(diags, key, f"`{key}` is empty", "fill in the field")
        if len(value) > MAX_TEXT or any(ord(c) < 32 for c in value):
            _field_error(
                diags,
                key,
                f"`{key}` is longer than {MAX_TEXT} characters or has control characters",
                "shorten it to one line",
            )
    unknown = [tag for tag in org.languages if tag not in offered]
    if "en" not in org.languages or unknown:
        _field_error(
            diags,
            "languages",
            f"languages must include `en` and come from {', '.join(offered)}",
            "tick English and the languages you print",
        )
    if not org.local_number.strip():
        return None
    found = find_numbers(org.local_number, "US")
    if len(found.raw) != 1 or len(found.valid_e164) != 1:
        _field_error(
            diags,
            "local_number",
            f"`{org.local_number}` is not one valid phone number",
            "write one number as it should be printed, e.g. `(510) 555-0142` or `+1 510 555 0142`",
        )
        return None
    e164 = found.valid_e164[0]
    parsed = parse_dial_form(e164)
    # as the pack loader checks a contact: the whole number, or its national digits
    national = dial_digits(org.local_number) == parsed.national
    if not dials(org.local_number, dial_digits(e164)) and not national:
        _field_error(
            diags,
            "local_number",
            f"printed `{org.local_number}` does not dial {e164}",
            "print the number alone, digits and separators only",
        )
    if is_premium_rate(e164):
        _field_error(
            diags,
            "local_number",
            f"`{org.local_number}` is a premium-rate number",
            "give a number that costs the caller no more than a call",
        )
    return e164


def pack_yaml(
    base: str,
    org: Organization,
    e164: str | None,
    logo_file: str | None = None,
    colors: list[BrandColor] | None = None,
) -> str:
    """The bundled `pack.yaml` with the organization's lines changed (and its logo, colours)."""
    logo = logo_yaml(logo_file, org.logo) if logo_file and org.logo else []
    lines = base.splitlines()
    out: list[str] = []
    section = ""
    in_logo = False
    for line in lines:
        if line and not line.startswith((" ", "#")):
            section = line.split(":", 1)[0]
        # The bundled organization's logo is its own: an adapted pack starts without one.
        if section == "organization" and line.startswith("  logo:"):
            in_logo = True
            while out and out[-1].startswith("  #"):
                out.pop()  # the comment that says whose logo it was
            continue
        if in_logo and line.startswith("    "):
            continue
        in_logo = False
        if section == "pack" and line.startswith("  id:"):
            line = f"  id: {org.pack_id}"
        elif section == "pack" and line.startswith("  title:"):
            line = f"  title: {json.dumps(pack_title(org), ensure_ascii=False)}"
        elif section == "pack" and line.startswith("  languages:"):
            line = f"  languages: [{', '.join(org.languages)}]"
        elif section == "organization" and line.startswith("  name:"):
            line = f"  name: {json.dumps(org.name, ensure_ascii=False)}"
        elif section == "organization" and line.startswith("  team:"):
            line = f"  team: {json.dumps(org.team, ensure_ascii=False)}"
            out += [line, *(["  local_contact: local"] if e164 else []), *logo]
            continue
        out.append(line)
        if line == "contacts:" and e164:
            out += [
                "  local:",
                f"    name: {json.dumps(org.local_name or org.name, ensure_ascii=False)}",
                "    kind: voice",
                f"    display: {json.dumps(org.local_number.strip(), ensure_ascii=False)}",
                f'    dial: "{e164}"',
                f"    source: {json.dumps('given by ' + org.name, ensure_ascii=False)}",
            ]
    out += brand_yaml(colors or [])
    return "\n".join(out) + "\n"


def kit_toml(org: Organization) -> str:
    """A kit for the adapted pack: posters and wallet cards in its languages, the 52.6 notice."""
    languages = json.dumps([tag for tag in org.languages])
    return (
        f"# Written by `outreach serve` for {org.name}; edit it like any kit.\n"
        f"[kit]\nname = {json.dumps(org.pack_id)}\npack = {json.dumps(org.pack_id)}\n\n"
        '[[jobs]]\nmaterial = "poster"\nsizes = ["letter"]\n'
        f'languages = {languages}\nprofiles = ["office", "press"]\n\n'
        '[[jobs]]\nmaterial = "wallet-card"\nsizes = ["cr80"]\n'
        f'languages = {languages}\nprofiles = ["office", "press"]\n\n'
        '[[jobs]]\nmaterial = "notice"\ncounty = "alameda"\nsizes = ["11x14"]\n'
        'profiles = ["office", "press"]\n'
    )


def save_organization(project: Project, org: Organization) -> tuple[Diagnostic, ...]:
    """Write the adapted pack and its kit; the diagnostics say why not (nothing written)."""
    diags = Diagnostics()
    base = project.pack_dir(DEFAULT_PACK)
    offered = list(_languages(base))
    e164 = check_organization(org, offered, diags)
    root = project.root
    final = root / "content" / org.pack_id
    if org.logo is None and not org.remove_logo:
        org = replace(org, logo=saved_logo(final, root, org))
    kind = check_logo(org.logo, diags) if org.logo is not None else None
    colors = read_colors(list(org.colors), diags)
    if diags.has_errors():
        return tuple(diags.items)
    staging = root / "content" / f".{org.pack_id}.tmp-{secrets.token_hex(4)}"
    staging.mkdir(parents=True)
    try:
        for name in ("content.yaml", "notice-52-6.yaml"):
            if (base / name).is_file():
                shutil.copyfile(base / name, staging / name)
        (staging / "locale").mkdir()
        for tag in org.languages:
            if (base / "locale" / f"{tag}.po").is_file():
                shutil.copyfile(base / "locale" / f"{tag}.po", staging / "locale" / f"{tag}.po")
        logo_file = None
        if org.logo is not None and kind is not None:
            logo_file = f"images/logo.{kind}"  # our name, never the upload's
            (staging / "images").mkdir()
            (staging / logo_file).write_bytes(org.logo.data)
        text = (base / "pack.yaml").read_text(encoding="utf-8")
        written = pack_yaml(text, org, e164, logo_file, colors)
        (staging / "pack.yaml").write_text(written, encoding="utf-8")
        pack = load_pack(staging, root, diags)
        if pack is not None and not diags.has_errors():
            diags.extend(check_pieces(project, project.fonts, org.pack_id, pack))
        if diags.has_errors():
            return _relocated(diags.items, staging, root, org.pack_id)
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
        kits = root / "kits"
        kits.mkdir(exist_ok=True)
        (kits / f"{org.pack_id}.toml").write_text(kit_toml(org), encoding="utf-8")
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return tuple(diags.items)


def saved_logo(pack_dir: Path, root: Path, org: Organization | None = None) -> Logo | None:
    """The logo a pack saved before, so that saving the form again without an upload keeps it.

    Its alt text and licence are the form's when given, else the saved ones. None when the
    pack has no logo (or does not exist yet, or no longer loads).
    """
    if not (pack_dir / "pack.yaml").is_file():
        return None
    pack = load_pack(pack_dir, root, Diagnostics())
    found = pack.organization.logo if pack is not None else None
    if found is None:
        return None
    alt = org.logo_alt.strip() if org is not None and org.logo_alt.strip() else found.alt
    licence = found.licence
    if org is not None and org.logo_licence.strip():
        licence = org.logo_licence.strip()
    return Logo(found.data, alt, licence)


def logo_on_file(project: Project, pack_id: str) -> str | None:
    """The logo file an adapted pack holds (`images/logo.<ext>`), for the form to say it is kept."""
    if not PACK_ID.fullmatch(pack_id) or pack_id == DEFAULT_PACK:
        return None
    folder = project.root / "content" / pack_id / "images"
    found = sorted(folder.glob("logo.*")) if folder.is_dir() else []
    return f"images/{found[0].name}" if found else None


def _relocated(
    found: list[Diagnostic], staging: Path, root: Path, pack_id: str
) -> tuple[Diagnostic, ...]:
    """Diagnostics that name the pack's folder as it will be, not the temporary one."""
    temporary = staging.relative_to(root).as_posix()
    final = f"content/{pack_id}"

    def fix(text: str) -> str:
        return text.replace(temporary, final).replace(str(staging), final)

    return tuple(
        replace(
            d,
            message=fix(d.message),
            location=replace(d.location, path=fix(d.location.path)),
            hints=tuple(fix(h) for h in d.hints),
        )
        for d in found
    )


def _languages(pack_dir: Path) -> list[str]:
    """The languages the bundled pack can print: English and each catalog it has."""
    return ["en", *sorted(p.stem for p in (pack_dir / "locale").glob("*.po"))]


def offered_languages(project: Project) -> list[str]:
    """Languages the form offers."""
    return _languages(project.pack_dir(DEFAULT_PACK))
