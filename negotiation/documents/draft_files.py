"""A draft read whole as a file, by format name (FORMATS: Markdown, HTML, Word or PDF): its name
and date, then each clause in the text's order (its number in bold), with its issues, source
and note in small grey type, and the sources it was read from. python-docx and reportlab are
imported on use."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from negotiation.data.model import Dataset
from negotiation.documents import texts

FORMATS = {
    "md": ("Markdown", "text/markdown"),
    "html": ("HTML (opens in Word)", "text/html"),
    "docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("PDF", "application/pdf"),
}
"""Each format a draft is written in: its label and MIME type."""


def render(ds: Dataset, version: str, fmt: str) -> bytes:
    """The version's text in one of FORMATS."""
    if fmt == "md":
        return texts.to_markdown(ds, version).encode()
    if fmt == "html":
        return texts.to_html(ds, version)
    return to_docx(ds, version) if fmt == "docx" else to_pdf(ds, version)


def to_docx(ds: Dataset, version: str) -> bytes:
    """The version's text as a Word document."""
    from negotiation.documents import word

    found = ds.version(version)
    doc = word.new(found.name)
    doc.add_paragraph(f"{found.date:%d %B %Y}")
    for row in texts.clauses(ds, version).itertuples():
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{row.provision}. ").bold = True
        paragraph.add_run(row.text)
        word.add_note(doc.add_paragraph(), texts.about(row))
    word.add_sources(doc, texts.cited(ds, version))
    return word.to_bytes(doc)


def to_pdf(ds: Dataset, version: str) -> bytes:
    """The version's text as an A4 PDF, set in DejaVu Sans (Latin, Greek, Cyrillic)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from negotiation.documents import fonts

    found, styles = ds.version(version), fonts.stylesheet()
    small = styles["BodyText"].clone("note", fontSize=8, leading=10, textColor="#555555")
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=found.name, leftMargin=2 * cm,
                            rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)  # fmt: skip
    story = [
        Paragraph(escape(found.name), styles["Title"]),
        Paragraph(f"{found.date:%d %B %Y}", styles["BodyText"]),
    ]
    for row in texts.clauses(ds, version).itertuples():
        story += [
            Paragraph(f"<b>{escape(row.provision)}.</b> {escape(row.text)}", styles["BodyText"]),
            Paragraph(escape(texts.about(row)), small),
        ]
    story.append(Paragraph("Sources", styles["Heading2"]))
    story += [
        Paragraph(escape(f"{texts.source_words(s)} {s.url}"), small)
        for s in texts.cited(ds, version).itertuples()
    ]
    doc.build(story, canvasmaker=fonts.canvas)
    return out.getvalue()
