"""The three benchmark workloads, written for outreach and for the peers users might pick.

Each workload, `(out, fonts) -> str`, returns Python source that builds it into `out` and
prints the process's peak RSS in kB; `bench_peers.py` runs it in a fresh interpreter.
The peer documents carry the same content (headline, hotline, bullets, QR codes) so the
comparison is like for like; they are not meant as templates.
"""

from __future__ import annotations

from collections.abc import Callable

SIGNS = [
    "Someone else holds their ID, papers or money",
    "They work very long hours and cannot leave",
    "They are afraid of the police",
    "Someone always speaks for them",
    "They do not know what city they are in",
]
# The brochure's bar chart: label and percentage of each bar.
RISK_FACTORS = (
    ("Pregnant or parenting", 15),
    ("Mental health challenges", 25),
    ("Chronic absenteeism", 41),
    ("Runaway history", 64),
    ("Prior victimization", 74),
)
PEAK = "import resource, sys\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def outreach_build(material: str, *, check: bool = True) -> Callable[[str, str], str]:
    """The workload that builds one bundled material (with or without the preflight)."""

    def script(out: str, fonts: str) -> str:
        return (
            "from outreach import build_material\n"
            f"built = build_material({material!r}, check={check})\n"
            f"open({out!r}, 'wb').write(built.pdf)\n" + PEAK
        )

    return script


def outreach_cards(out: str, fonts: str, cards: int = 1000) -> str:
    return (
        f"""
import pathlib, tempfile, shutil
from benchmarks.card_run import write_card_run
from outreach import build
folder = pathlib.Path(tempfile.mkdtemp())
report = build(write_card_run(folder, {cards}), out_dir=folder / "out", workers=1)
pdf = [p for p in report.outputs if p.suffix == ".pdf"][0]
shutil.copy(pdf, {out!r})
"""
        + PEAK
    )


# --- Typst (the `typst` Python package) -------------------------------------------------

TYPST_POSTER = r"""
#set page(width: 8.5in, height: 11in, margin: 0.5in)
#set text(font: "Noto Sans", size: 14pt)
#block(fill: rgb("#0f4c5c"), width: 100%, inset: 18pt, radius: 0pt)[
  #text(fill: white, size: 40pt, weight: "bold")[Are you being forced to work?]
  #v(4pt)
  #text(fill: white, size: 16pt)[Is someone making you work, or have sex for money, and you cannot leave? You are not alone. Help is free and private.]
]
#v(14pt)
#align(center)[
  #text(fill: rgb("#0f4c5c"), weight: "bold", size: 15pt)[Call the National Human Trafficking Hotline. Any time, day or night.]
  #text(fill: rgb("#0f4c5c"), weight: "bold", size: 66pt)[1-888-373-7888]
  Or text *HELP* to *233733* (English and Spanish)
  #text(size: 11pt)[Calls are free and confidential. Help in more than 200 languages.]
]
#line(length: 100%, stroke: 1pt + rgb("#cfe3e7"))
#grid(columns: (1.4fr, 1fr), gutter: 24pt,
  [#text(fill: rgb("#0f4c5c"), weight: "bold", size: 18pt)[Signs someone may need help]
   SIGNS],
  [#text(fill: rgb("#0f4c5c"), weight: "bold", size: 18pt)[It can happen to anyone]

   Adults and children. People born here and people from far away. Traffickers look for people who are alone, young, poor or far from home, and promise love, a good job or a better life.])
#v(1fr)
#grid(columns: (1fr, 1fr, 1.6fr), gutter: 16pt,
  align(center)[#image("q1.svg", width: 1.45in) Scan to call \ *1-888-373-7888*],
  align(center)[#image("q2.svg", width: 1.45in) Learn more \ *humantraffickinghotline.org*],
  [#block(fill: rgb("#e9c46a"), inset: 12pt, radius: 6pt, width: 100%)[In an emergency, call *911*.]
   #text(size: 10pt)[The H.E.A.R.T. Team of the Alameda County District Attorney's Office works with community groups to help anyone who is being trafficked or is at risk.]])
""".replace("SIGNS", "\n".join(f"   - {s}" for s in SIGNS))


def typst_poster(out: str, fonts: str) -> str:
    return (
        f"""
import pathlib, tempfile, segno, typst
folder = pathlib.Path(tempfile.mkdtemp())
segno.make_qr("tel:+18883737888", error="m", boost_error=False).save(folder / "q1.svg", border=4)
segno.make_qr("https://humantraffickinghotline.org", error="m", boost_error=False).save(
    folder / "q2.svg", border=4)
(folder / "poster.typ").write_text({TYPST_POSTER!r})
typst.compile(str(folder / "poster.typ"), output={out!r}, font_paths=[{fonts!r}],
              ignore_system_fonts=True)
"""
        + PEAK
    )


def typst_cards(out: str, fonts: str, cards: int = 1000) -> str:
    return (
        f"""
import pathlib, tempfile, segno, typst
folder = pathlib.Path(tempfile.mkdtemp())
cells = []
for n in range({cards}):
    segno.make_qr(f"https://humantraffickinghotline.org/?src=c{{n:06d}}", error="m",
                  boost_error=False).save(folder / f"q{{n}}.svg", border=4)
    cells.append(f'box(width: 85.6mm, height: 53.98mm, stroke: 0.25pt, inset: 3mm)[#grid(columns: (1fr, 22mm), [#text(weight: "bold", size: 8pt)[National Human Trafficking Hotline] \\\\ #text(weight: "bold", size: 20pt, fill: rgb("#0f4c5c"))[1-888-373-7888] \\\\ #text(size: 7pt)[Text *HELP* to *233733* (English or Spanish) \\\\ In an emergency, call *911*. \\\\ Site {{n}}]], image("q{{n}}.svg", width: 22mm))]')
body = '#set page(width: 8.5in, height: 11in, margin: (x: 0.25in, y: 0.3in))\\n'
body += '#set text(font: "Noto Sans")\\n'
for start in range(0, len(cells), 10):
    body += '#grid(columns: 2, gutter: 0mm, ' + ", ".join(cells[start:start + 10]) + ')\\n'
    body += '#pagebreak(weak: true)\\n'
(folder / "cards.typ").write_text(body)
typst.compile(str(folder / "cards.typ"), output={out!r}, font_paths=[{fonts!r}],
              ignore_system_fonts=True)
"""
        + PEAK
    )


def typst_brochure(out: str, fonts: str, text: str) -> str:
    bars = "".join(
        f'#grid(columns: (1fr, 12mm), [{label} #block(fill: rgb("#0f4c5c"), height: 3mm, '
        f"width: {value}%)], align(right)[*{value}%*])\n"
        for label, value in RISK_FACTORS
    )
    source = (
        "#set page(width: 11in, height: 8.5in, margin: 0.35in, columns: 3)\n"
        '#set text(font: "Noto Sans", size: 8.5pt)\n'
        f"{text}\n{bars}\n"
    )
    return (
        f"""
import pathlib, tempfile, typst
folder = pathlib.Path(tempfile.mkdtemp())
(folder / "b.typ").write_text({source!r})
typst.compile(str(folder / "b.typ"), output={out!r}, font_paths=[{fonts!r}],
              ignore_system_fonts=True)
"""
        + PEAK
    )


# --- WeasyPrint (HTML and CSS) ----------------------------------------------------------


def _font_css(fonts: str) -> str:
    return (
        f"@font-face {{ font-family: 'Noto Sans'; src: url('file://{fonts}/NotoSans-Regular.ttf'); }}"
        f"@font-face {{ font-family: 'Noto Sans'; font-weight: bold; "
        f"src: url('file://{fonts}/NotoSans-Bold.ttf'); }}"
    )


def weasy_poster(out: str, fonts: str) -> str:
    signs = "".join(f"<li>{s}</li>" for s in SIGNS)
    html = f"""<html><head><style>{_font_css(fonts)}
@page {{ size: 8.5in 11in; margin: 0.5in }} body {{ font-family: 'Noto Sans'; font-size: 14pt }}
.band {{ background: #0f4c5c; color: white; padding: 18pt }} h1 {{ font-size: 40pt; margin: 0 }}
.num {{ font-size: 66pt; font-weight: bold; color: #0f4c5c; text-align: center }}
.cols {{ display: flex; gap: 24pt }} .qr {{ text-align: center; width: 1.6in }}
.em {{ background: #e9c46a; padding: 12pt; border-radius: 6pt }}</style></head><body>
<div class="band"><h1>Are you being forced to work?</h1><p>Is someone making you work, or have
sex for money, and you cannot leave? You are not alone. Help is free and private.</p></div>
<p style="text-align:center;color:#0f4c5c;font-weight:bold">Call the National Human Trafficking
Hotline. Any time, day or night.</p><div class="num">1-888-373-7888</div>
<p style="text-align:center">Or text <b>HELP</b> to <b>233733</b> (English and Spanish)</p>
<div class="cols"><div><h3>Signs someone may need help</h3><ul>{signs}</ul></div>
<div><h3>It can happen to anyone</h3><p>Adults and children. People born here and people from
far away. Traffickers look for people who are alone, young, poor or far from home.</p></div></div>
<div class="cols"><div class="qr"><img src="QR1" style="width:1.45in"><br>Scan to call<br>
<b>1-888-373-7888</b></div><div class="qr"><img src="QR2" style="width:1.45in"><br>Learn more<br>
<b>humantraffickinghotline.org</b></div><div><div class="em">In an emergency, call <b>911</b>.</div>
<p style="font-size:10pt">The H.E.A.R.T. Team of the Alameda County District Attorney's Office.</p>
</div></div></body></html>"""
    return (
        f"""
import segno, weasyprint
html = {html!r}
q1 = segno.make_qr("tel:+18883737888", error="m", boost_error=False).svg_data_uri(border=4)
q2 = segno.make_qr("https://humantraffickinghotline.org", error="m",
                   boost_error=False).svg_data_uri(border=4)
weasyprint.HTML(string=html.replace("QR1", q1).replace("QR2", q2)).write_pdf({out!r})
"""
        + PEAK
    )


def weasy_cards(out: str, fonts: str, cards: int = 1000) -> str:
    return (
        f"""
import segno, weasyprint
cells = []
for n in range({cards}):
    uri = segno.make_qr(f"https://humantraffickinghotline.org/?src=c{{n:06d}}", error="m",
                        boost_error=False).svg_data_uri(border=4)
    cells.append(f'<div class="c"><div class="t"><b>National Human Trafficking Hotline</b><br>'
                 f'<span class="n">1-888-373-7888</span><br>Text <b>HELP</b> to <b>233733</b> '
                 f'(English or Spanish)<br>In an emergency, call <b>911</b>.<br>Site {{n}}</div>'
                 f'<img src="{{uri}}"></div>')
style = {_font_css(fonts)!r} + '''
@page {{ size: 8.5in 11in; margin: 0.3in 0.25in }} body {{ font-family: 'Noto Sans'; margin: 0 }}
.c {{ width: 85.6mm; height: 53.98mm; float: left; box-sizing: border-box; border: 0.25pt solid;
      padding: 3mm; font-size: 7pt; position: relative }}
.n {{ font-size: 20pt; font-weight: bold; color: #0f4c5c }}
.c img {{ width: 22mm; position: absolute; right: 3mm; top: 12mm }}'''
html = f"<html><head><style>{{style}}</style></head><body>{{''.join(cells)}}</body></html>"
weasyprint.HTML(string=html).write_pdf({out!r})
"""
        + PEAK
    )


def weasy_brochure(out: str, fonts: str, text: str) -> str:
    bars = "".join(
        f'<div>{label} <b style="float:right">{value}%</b><div style="background:#0f4c5c;'
        f'height:3mm;width:{value}%"></div></div>'
        for label, value in RISK_FACTORS
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    html = (
        f"<html><head><style>{_font_css(fonts)} @page {{ size: 11in 8.5in; margin: 0.35in }}"
        "body { font-family: 'Noto Sans'; font-size: 8.5pt; column-count: 3; "
        f"column-gap: 0.5in }}</style></head><body>{paragraphs}{bars}</body></html>"
    )
    return (
        f"""
import weasyprint
weasyprint.HTML(string={html!r}).write_pdf({out!r})
"""
        + PEAK
    )
