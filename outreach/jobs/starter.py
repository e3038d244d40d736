"""A new organization's project: a folder name and the organization's name in, a project out.

`outreach new DIR --org "Name"` writes, from the bundled `national` pack: a pack with the
national facts (`content/<id>/`), whose organization name, logo and local line are places
marked `"FILL IN: ..."` that refuse to build until filled (`content/unfilled.py`); a kit
(`kits/<id>.toml`, the national kit for this pack); and a README.md for the team. The
national wordings and their Spanish drafts are copied as they are, except the three lines
that print the organization (poster foot, both card backs).

It never touches a file it did not create: the folder must not exist or be empty. The
project is written into a temporary folder beside it and renamed into place whole, so a
failure leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from outreach.core.diagnostics import BuildError, Diagnostics, Location
from outreach.core.resources import bundled_root
from outreach.core.whole_files import TEMPORARY_PREFIX, file_mode

BASE_PACK = "national"
MAX_NAME = 120  # characters of an organization's name: one printed line
_SLUG_LENGTH = 40

# The lines that print the organization, in English and as Spanish drafts (needs-review).
# The discreet card may be seen by whoever controls its holder: its line gives the local
# number only, never a name that may say "trafficking".
_ORGANIZATION_LINES = {
    "poster.heart": (
        "Local help: {{ organization.name }}, {{ contacts.local.display }}. "
        "Hotline TTY: {{ contacts.hotline_tty.display }}",
        "Ayuda local: {{ organization.name }}, {{ contacts.local.display }}. "
        "TTY de la línea: {{ contacts.hotline_tty.display }}",
    ),
    "card.organization": (
        "{{ organization.name }}: {{ contacts.local.display }}",
        "{{ organization.name }}: {{ contacts.local.display }}",
    ),
    "card_discreet.organization": (
        "Local help: {{ contacts.local.display }}",
        "Ayuda local: {{ contacts.local.display }}",
    ),
}


@dataclass(frozen=True, slots=True)
class NewProject:
    """What `outreach new` wrote: the folder, the pack's id and each file, relative."""

    root: Path
    pack_id: str
    files: tuple[str, ...]
    unfilled: tuple[str, ...]  # the places still to fill, as the README names them


def slug(text: str) -> str:
    """A folder and file name from a name: `Riverside Task Force` -> `riverside-task-force`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    name = "-".join(words)[:_SLUG_LENGTH].strip("-")
    return name if len(name) >= 2 else ""


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are YAML strings)."""
    return json.dumps(text, ensure_ascii=False)


def _check(folder: Path, org: str | None, diags: Diagnostics) -> str | None:
    """The organization's name, cleaned; every problem a diagnostic."""
    where = Location(folder.as_posix())
    if folder.exists() and not folder.is_dir():
        diags.error(
            "new.not-a-folder",
            f"`{folder}` is a file, not a folder",
            where,
            hints=("name a new folder: `outreach new riverside-outreach --org ...`",),
        )
    elif folder.is_dir() and any(folder.iterdir()):
        diags.error(
            "new.folder-not-empty",
            f"`{folder}` already holds files; `outreach new` writes only into a new or "
            "empty folder",
            where,
            hints=("name a new folder; nothing in this one was changed",),
        )
    if org is None:
        return None
    name = unicodedata.normalize("NFC", " ".join(org.split()))
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c)[0] == "C" for c in name):
        diags.error(
            "new.bad-name",
            f"organization name `{org[:MAX_NAME]}` must be one line of 1 to {MAX_NAME} characters",
            Location("--org"),
            hints=('write the name as it should be printed, e.g. --org "Riverside Task Force"',),
        )
        return None
    return name


def new_project(folder: Path, org: str | None) -> NewProject:
    """Write a new organization's project into `folder` (new or empty).

    Raises:
        BuildError: the folder holds files or is a file, or the name is not one line;
            nothing is written.
    """
    diags = Diagnostics()
    name = _check(folder, org, diags)
    if diags.has_errors():
        raise BuildError(diags.items)
    pack_id = (slug(name) if name else "") or slug(folder.resolve().name) or "organization"
    files, unfilled = _files(pack_id, name)
    _write_whole(folder, files, (f"content/{pack_id}/images",))
    return NewProject(folder, pack_id, tuple(sorted(files)), unfilled)


def _files(pack_id: str, name: str | None) -> tuple[dict[str, bytes], tuple[str, ...]]:
    base = bundled_root() / "content" / BASE_PACK
    pack_dir = f"content/{pack_id}"
    unfilled = (() if name else ("name",)) + ("logo", "local line")
    files = {
        f"{pack_dir}/pack.yaml": _pack_yaml((base / "pack.yaml").read_text("utf-8"), pack_id, name),
        f"{pack_dir}/content.yaml": _content_yaml((base / "content.yaml").read_text("utf-8")),
        f"{pack_dir}/locale/es.po": _catalog((base / "locale" / "es.po").read_text("utf-8")),
        f"kits/{pack_id}.toml": _kit(
            (bundled_root() / "kits" / f"{BASE_PACK}.toml").read_text("utf-8"), pack_id, name
        ),
        "README.md": _readme(pack_id, name),
    }
    return {path: text.encode("utf-8") for path, text in files.items()}, unfilled


def _pack_yaml(national: str, pack_id: str, name: str | None) -> str:
    """The national pack's facts, with this organization's places to fill."""
    lines = national.splitlines()
    start = lines.index("pack:")
    who = name or "your organization"
    if name:
        name_line, alt, licence = (
            name,
            f"Logo of {name}",
            f"Owned by {name}, printed with its permission",
        )
    else:
        name_line = "FILL IN: your organization's name, as printed on every piece"
        alt = "FILL IN: what your logo shows, e.g. the name it spells"
        licence = "FILL IN: who owns the logo"
    out = [
        f"# The facts of {who}'s materials: identical in every language, never translated.",
        "# The national facts below (the National Human Trafficking Hotline, its text line and",
        "# TTY, 911, the hotline's website) come from outreach's bundled `national` pack:",
        "# never change a digit without a source. Replace every `FILL IN` with your own.",
    ]
    # A source that names outreach's own documentation says whose it is.
    lines = [line.replace('"docs/', '"outreach docs/') for line in lines]
    for line in lines[start:]:
        if line.startswith("  id:"):
            line = f"  id: {pack_id}"
        elif line.startswith("  title:"):
            line = '  title: "Human trafficking: where to get help"'
        elif line == "contacts:":
            out += [
                "organization:",
                "  # Printed on the posters and the wallet cards, as you write it.",
                f"  name: {_yaml_string(name_line)}",
                "  # Your own line (`contacts.local` below).",
                "  local_contact: local",
                "  # Your logo: copy it (PNG, JPEG or SVG) into images/ in this folder and write",
                "  # its name. No logo? Delete these four lines; the pieces leave its place empty.",
                "  logo:",
                '    file: "FILL IN: your logo file in images/, e.g. images/logo.png"',
                f"    alt: {_yaml_string(alt)}",
                f"    licence: {_yaml_string(licence)}",
                "",
                line,
                "  # Your local line, printed beside your name on the posters and the cards:",
                "  # `display` as it is printed, `dial` the same number with + and its country",
                "  # code, digits only (+1 and ten digits in the United States).",
                "  local:",
                f"    name: {_yaml_string(name or 'Local help')}",
                "    kind: voice",
                '    display: "FILL IN: your local line as it is printed, area code included"',
                '    dial: "FILL IN: the same number as it is dialled, + and digits only"',
                f"    source: {_yaml_string(f'given by {who}')}",
            ]
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def _content_yaml(national: str) -> str:
    """The national wordings, with the organization's three lines."""
    lines = national.splitlines()
    out = [
        "# English source text. Keys are stable: translations (locale/<lang>.po) use them as",
        "# msgctxt. Facts are never typed here: {{ contacts.* }}, {{ links.* }} and",
        "# {{ organization.* }} come from pack.yaml. **double stars** mark a bold run.",
        "# The wordings are those of outreach's bundled `national` pack, word for word, except",
        "# the three lines that print your organization; locale/es.po holds their Spanish.",
    ]
    section = ""
    skipping_header = True
    for line in lines:
        if skipping_header and line.startswith("#"):
            continue
        skipping_header = False
        if line and not line.startswith((" ", "#")):
            section = line.split(":", 1)[0]
        field = line.strip().split(":", 1)[0]
        key = f"{section}.{field}"
        if line.startswith("  ") and not line.startswith("   ") and key in _ORGANIZATION_LINES:
            if out and out[-1].strip().startswith("#"):
                out[-1] = (
                    "  # Your organization's line (pack.yaml: organization.name, contacts.local)."
                )
            line = f"  {field}: {_yaml_string(_ORGANIZATION_LINES[key][0])}"
        out.append(line)
    return "\n".join(out) + "\n"


def _catalog(national: str) -> str:
    """The national Spanish drafts, with drafts of the organization's three lines."""
    lines = national.splitlines()
    for key, (english, spanish) in _ORGANIZATION_LINES.items():
        at = lines.index(f'msgctxt "{key}"')
        if not lines[at - 1].startswith("#, "):
            raise AssertionError(f"{key}: the national catalog's entry has no flags")
        lines[at - 1] = "#, needs-review"
        lines[at + 1 : at + 3] = [f"msgid {_po_string(english)}", f"msgstr {_po_string(spanish)}"]
    return "\n".join(lines) + "\n"


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _kit(national: str, pack_id: str, name: str | None) -> str:
    """The national kit for this pack: posters, cards and card sheets in en and es."""
    body = national[national.index("[kit]") :]
    body = body.replace('name = "national"', f"name = {json.dumps(pack_id)}")
    body = body.replace('pack = "national"', f"pack = {json.dumps(pack_id)}")
    who = name or "your organization"
    return (
        f"# The print run of {who}: `outreach build kits/{pack_id}.toml` writes it\n"
        "# into output/. Posters (every size), a bilingual English and Spanish poster, wallet\n"
        "# cards and discreet cards, single and on sheets, for your own printer (office) and a\n"
        "# print shop (press). Remove what you do not need; add languages once the pack has\n"
        "# them.\n" + body
    )


def _readme(pack_id: str, name: str | None) -> str:
    who = name or "your organization"
    steps = []
    if not name:
        steps.append(
            "**Your organization's name** (`name:` under `organization:`), as it should be "
            "printed on every piece."
        )
    steps += [
        "**Your logo**: copy the file (PNG, JPEG or SVG; SVG stays sharp at any size) into "
        f"`content/{pack_id}/images/`, and write its name on the `file:` line under `logo:`, "
        "with what it shows (`alt:`, read aloud to people who cannot see it) and who owns it "
        "(`licence:`). No logo? Delete the four `logo:` lines; the pieces leave its place empty.",
        "**Your local line** (`local:` under `contacts:`): `display:` as it should be printed, "
        "area code included, and `dial:` the same number with `+1` and its ten digits, "
        "nothing else. It is printed beside your name on the posters and the cards; the "
        "build checks that the two dial the same number.",
    ]
    numbered = "\n".join(
        textwrap.fill(f"{i}. {step}", width=92, subsequent_indent="   ", break_on_hyphens=False)
        for i, step in enumerate(steps, 1)
    )
    count = ("one", "two", "three")[len(steps) - 1]
    return f"""# Outreach materials for {who}

Posters and wallet cards about human trafficking, in English and Spanish, ready for your own
printer and for a print shop. They carry the national facts anyone in the United States may
print (the National Human Trafficking Hotline, its text line, TTY and website, and 911) and
your organization's name, logo and local line. This folder was written by `outreach new`.

## 1. Fill in {count} things

Open `content/{pack_id}/pack.yaml` in a text editor. Every value that starts with
`FILL IN` is yours to write: replace the whole text between the quotes. Until each is
filled, `outreach build` makes nothing and names each one, with its file and line and what
to write there.

{numbered}

## 2. Build

In this folder:

```sh
outreach build kits/{pack_id}.toml
```

## 3. Where the PDFs are

In `output/` in this folder. Files ending in `-office.pdf` are for your own printer;
`-press.pdf` files, with bleed and crop marks, are for a print shop, and `print-order.txt`
says what to order. `outreach check output/` checks them again; `outreach preview output/`
makes pictures of every page.

## Good to know

- The Spanish texts are drafts, not yet read by a native speaker: the pieces print
  "translation not yet reviewed" until someone reviews them
  (`outreach i18n review content/{pack_id} --lang es --out review/`).
- Never type a phone number or a web address into a text: the build refuses any number or
  link that is not in `pack.yaml`, where each one has its source.
- `kits/{pack_id}.toml` lists what is made: materials, sizes, languages, office or press.
"""


def _write_whole(folder: Path, files: dict[str, bytes], folders: tuple[str, ...]) -> None:
    """Write the files into a temporary folder beside `folder`, then rename it into place.

    Nobody ever sees half a project, and a failure leaves nothing behind.
    """
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(
            prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-", suffix=f".{folder.name}.tmp", dir=parent
        )
    )
    try:
        # mkdtemp makes a private folder; a project is for colleagues (0755 under umask 022)
        staging.chmod(file_mode() | (file_mode() & 0o444) >> 2)
        for relative_folder in folders:
            (staging / relative_folder).mkdir(parents=True, exist_ok=True)
        for relative, data in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            path.chmod(file_mode())
        if folder.is_dir():
            folder.rmdir()  # empty: checked before anything was written
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
