"""The seven-minute briefing: one page of a review's learning for the partnership's training programme
(Kent §4 (b)), as an editable Word document and as a tagged PDF.

Both formats come from one list of sections. The briefing names people only by the review's pseudonyms: it
draws on the review's summary (written without identifying details), its findings, recommendations and
themes, never on the notification or the identity register. To stay on one page it shows at most five
findings and five recommendations, each cut to a few lines, and says how many more the full report has."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.db import transaction
from docx import Document
from docx.shared import Mm, Pt

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.learning import reflection_questions
from casereview.reviews.pack import render_pdf

from .models import ThemeTag
from .theme_selectors import review_tags

HEADINGS = ("What happened", "Why it matters", "Key learning", "What to do", "Themes", "Questions for reflection",
            "Further reading")
MAX_ITEMS = 5
MAX_CHARS = 300
NOT_RECORDED = "Not recorded."


@dataclass(frozen=True)
class Briefing:
    title: str
    lines: tuple[str, ...]  # under the title: the partnership, the kind of review, pseudonyms
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs)


def clip(text: str, limit: int = MAX_CHARS) -> str:
    """The text on one line, cut at a word before `limit` characters with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _numbered(items, noun: str) -> tuple[str, ...]:
    items = list(items)
    shown = tuple(f"{item.number}. {clip(item.text)}" for item in items[:MAX_ITEMS])
    more = len(items) - MAX_ITEMS
    if more > 0:
        shown += (f"And {more} more {noun}{'s' if more > 1 else ''} in the full report.",)
    return shown or (NOT_RECORDED,)


def _themes(review) -> tuple[list, set[int]]:
    """The themes of the review, its findings and its recommendations, and which recur in other records."""
    mine = review_tags(review)
    tags = ThemeTag.objects.filter(mine).select_related("theme").order_by("theme__label")
    themes = list({tag.theme_id: tag.theme for tag in tags}.values())
    recurring = set(ThemeTag.objects.filter(partnership=review.partnership, theme__in=themes).exclude(mine)
                    .values_list("theme_id", flat=True).distinct())
    return themes, recurring


def _why(review, themes, recurring) -> tuple[str, ...]:
    kind = {
        "lcspr": "A local child safeguarding practice review looks at how agencies worked together, to find "
                 "improvements that will keep children safe.",
        "national": f"A national review by {review.source_body or 'the Child Safeguarding Practice Review Panel'}: "
                    "its learning applies to every partnership, and we check how it applies here.",
        "sar": "A safeguarding adult review: learning about the adults around a child helps us think family.",
        "darr": "A domestic abuse related death review: learning about domestic abuse helps us protect children "
                "in the household.",
        "single_agency": "A single-agency review: its learning matters to every agency working with families.",
        "audit": "A multi-agency audit of practice: it shows how well our procedures work day to day.",
    }[review.kind]
    lines = [kind]
    again = [t.label for t in themes if t.pk in recurring]
    if again:
        lines.append("These themes have come up in earlier reviews too: " + ", ".join(again) + ".")
    return tuple(lines)


def _reading(review) -> tuple[str, ...]:
    lines = []
    if review.publication_url:
        published = f", published {format_date(review.published_on)}" if review.published_on else ""
        lines.append(f"The full report{published}: {review.publication_url}")
    elif review.status == "not_published":
        lines.append("The report was not published; ask the partnership's business team about its learning.")
    else:
        lines.append("The full report has not been published yet.")
    lines.append("Your partnership's multi-agency safeguarding procedures and training programme.")
    return tuple(lines)


def briefing(review) -> Briefing:
    """The briefing's content (four queries: findings, recommendations, themes, recurring themes)."""
    themes, recurring = _themes(review)
    lines = [f"{review.partnership.name}. {review.get_kind_display()}"
             + (f", {review.reference}" if review.reference else "") + "."]
    if review.pseudonyms:
        lines.append(f"Names used: {review.pseudonyms}.")
    sections = (
        clip(review.summary, 900) or NOT_RECORDED,
        _why(review, themes, recurring),
        _numbered(review.findings.all(), "finding"),
        _numbered(review.recommendations.all(), "recommendation"),
        "; ".join(t.label for t in themes) + "." if themes else "No themes recorded yet.",
        tuple(reflection_questions([t.key for t in themes])),
        _reading(review),
    )
    body = tuple((heading, (text,) if isinstance(text, str) else text) for heading, text in zip(HEADINGS, sections,
                                                                                                 strict=True))
    return Briefing(f"Seven-minute briefing: {review.title}", tuple(lines), body)


def briefing_docx(review) -> bytes:
    """The briefing as an editable Word document on one A4 page (narrow margins, 10-point text)."""
    content = briefing(review)
    doc = Document()
    doc.core_properties.title = content.title
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(12)
    section.left_margin = section.right_margin = Mm(15)
    doc.styles["Normal"].font.size = Pt(9.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)
    for name, size in (("Title", 16), ("Heading 1", 11.5)):
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].paragraph_format.space_before = Pt(6 if name != "Title" else 0)
        doc.styles[name].paragraph_format.space_after = Pt(2)
    doc.add_heading(content.title, level=0)
    for line in content.lines:
        doc.add_paragraph(line)
    for heading, paragraphs in content.sections:
        doc.add_heading(heading, level=1)
        for text in paragraphs:
            doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def briefing_pdf(review) -> bytes:
    """The same briefing as a tagged PDF (PDF/UA-1) on one A4 page."""
    return render_pdf("learning/briefing/briefing_pdf.html", {"briefing": briefing(review)})


def briefing_download(*, actor, review, kind: str) -> bytes:
    """The briefing as DOCX or PDF, recording the export in the audit trail."""
    data = briefing_pdf(review) if kind == "pdf" else briefing_docx(review)
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.EXPORTED, target=review, partnership=review.partnership,
                     changes={"document": [None, f"Seven-minute briefing ({kind.upper()})"]})
    return data
