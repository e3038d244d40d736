"""Place a localized piece onto the pages of a layout: a `Document` with its metadata.

Input: `model.Piece`, `model.LayoutSpec`, `model.Profile`, `fonts.FontBook`.
Output: `document.Document`: its pages (filled by `page.py`) and its metadata.
"""

from __future__ import annotations

from outreach.content.languages import native_name
from outreach.core.diagnostics import Diagnostics
from outreach.core.document import Document, Metadata
from outreach.core.layout_specs import LayoutSpec, Profile
from outreach.core.model import Piece
from outreach.fonts import FontBook
from outreach.layout.output_intent import output_intent_for
from outreach.layout.page import PageLayouter
from outreach.layout.sections import with_pack_sections
from outreach.layout.structure import assign_structure, document_title

# PDF viewer preference that preselects the duplex mode in the print dialog (PDF 1.7, 12.2).
DUPLEX_PREFERENCE = {"long-edge": "DuplexFlipLongEdge", "short-edge": "DuplexFlipShortEdge"}


def layout_piece(
    piece: Piece,
    spec: LayoutSpec,
    profile: Profile,
    fonts: FontBook,
    diags: Diagnostics,
    extra_pieces: tuple[Piece, ...] = (),
) -> Document:
    """Lay out every page of a material for one language and profile.

    Text shrinks in 0.5 pt steps down to each role's `min_size`; if it still does not fit,
    `layout.overflow` is reported (the build then writes nothing). Each item's `source`
    points back to the content line it came from. A multilingual material gets the pieces
    of its other languages in `extra_pieces`; its slots say which one fills them.
    """
    # The pack's sections fill the flows that ask for them (`sections: pack`, issue 15).
    spec = with_pack_sections(spec, piece.pack, diags)
    layouter = PageLayouter(piece, spec, profile, fonts, diags, extra_pieces)
    pages = tuple(layouter.layout_page(page) for page in spec.pages)
    org = piece.pack.organization
    tags = [p.language for p in (piece, *extra_pieces)]
    pages = assign_structure(pages, spec, tuple(tags), (piece, *extra_pieces))
    names = ", ".join(native_name(tag, piece.pack.added_languages) for tag in tags)
    metadata = Metadata(
        title=document_title(
            piece, spec.material, f"{piece.pack.title} ({spec.material}, {' + '.join(tags)})"
        ),
        author=org.name,
        subject=f"{spec.material} about human trafficking and where to get help"
        + (f"; in {len(tags)} languages: {names}" if extra_pieces else "")
        + (f"; print two-sided, flip on {spec.duplex.replace('-', ' ')}" if spec.duplex else ""),
        language=piece.language,
        keywords=("human trafficking", "hotline", spec.material, *tags),
        duplex=DUPLEX_PREFERENCE.get(spec.duplex or ""),
    )
    return Document(
        material=spec.material,
        size=spec.size_name,
        language="+".join(tags),
        profile=profile.name,
        color_space=profile.color_space,
        output_intent=output_intent_for(profile, spec.size_name),
        object_streams=profile.object_streams,
        pages=pages,
        metadata=metadata,
    )
