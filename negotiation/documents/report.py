"""The briefing written in a chosen format; the PDF writer (and reportlab) load only for a PDF,
so the pages that offer the download do not pay for it."""

from __future__ import annotations

from negotiation.documents.briefing import Briefing, to_html

FORMATS = {"pdf": "application/pdf", "html": "text/html"}


def render(brief: Briefing, fmt: str) -> bytes:
    """The briefing in one of FORMATS."""
    if fmt == "pdf":
        from negotiation.documents.briefing_pdf import to_pdf

        return to_pdf(brief)
    return to_html(brief)
