"""The rapid review submission to the Panel: its sections filled from the record, as DOCX and as PDF.

Both formats are drawn from one list of sections, so they always carry the same headings in the same order
(DOMAIN.md §5). Children appear by pseudonym only; an empty section says "Not recorded" so nothing is
silently missing from what the Panel reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from django.utils import timezone
from docx import Document

from casereview.domain.clocks import format_date
from casereview.incidents.models import HarmType
from casereview.meetings.services import meeting_verdict, verdict_summary

from .criteria import ANSWER_LABELS, CRITERIA, NATIONAL_REVIEW_CITATION
from .models import PARTNER_CHOICES, Decision, Outcome, ParallelProcess, Submission
from .pack import render_pdf, returns_for

HEADINGS = (
    "Identifiers and dates", "The child or children", "Household and family context", "Incident summary",
    "Agency involvement and key practice episodes", "Immediate safeguarding action", "Learning so far",
    "Identity, race, ethnicity, culture and inequalities", "The child's voice and family views",
    "Parallel processes", "Decision on a local child safeguarding practice review", "National review consideration",
    "Sign-off by the safeguarding partners",
)
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Block:
    kind: str  # "p" paragraph, "h" subheading, "facts" label/value rows, "grid" a table with headers
    text: str = ""
    rows: tuple = ()
    headers: tuple = ()


@dataclass
class ReviewRecord:
    """A review with everything recorded after its notification, loaded in a handful of queries."""

    review: object
    meetings: list
    decision: Decision | None
    sign_offs: dict
    submission: Submission | None
    returns: list = field(default_factory=list)

    @property
    def last_meeting(self):
        return self.meetings[-1] if self.meetings else None


def review_record(review, *, with_returns: bool = True) -> ReviewRecord:
    meetings = list(review.meetings.filter(kind="rapid_review").order_by("starts_at", "pk"))
    return ReviewRecord(
        review=review, meetings=meetings,
        decision=Decision.objects.filter(rapid_review=review).first(),
        sign_offs={s.partner: s for s in review.sign_offs.all()},
        submission=Submission.objects.filter(rapid_review=review).first(),
        returns=returns_for(review) if with_returns else [],
    )


def _text(value) -> str:
    return str(value).strip() if value not in (None, "") and str(value).strip() else NOT_RECORDED


def _paragraphs(*texts: str) -> list[Block]:
    return [Block("p", t.strip()) for t in texts if t and t.strip()]


def _identifiers(rec: ReviewRecord) -> list[Block]:
    n, r = rec.review.notification, rec.review
    meetings = "; ".join(format_date(timezone.localdate(m.starts_at)) for m in rec.meetings)
    rows = [("Partnership", r.partnership.name), ("Group", r.group.name), ("SIN reference", n.reference),
            ("Local authority", n.local_authority), ("Incident", format_date(n.incident_date)),
            ("Local authority aware", format_date(n.la_aware_date)),
            ("Notification sent to the Panel", format_date(n.sin_submitted_date)),
            ("Notification received by the partnership", format_date(n.received_date)),
            ("Rapid review due", format_date(r.due_date)), ("Rapid review meetings", _text(meetings)),
            ("Home partnership, if another area", _text(n.cross_border_partnership))]
    return [Block("facts", rows=tuple(rows))]


def _children(rec: ReviewRecord) -> list[Block]:
    blocks = []
    for c in rec.review.notification.children.all():
        age = "Unborn" if c.unborn else (f"{c.age_years} years" if c.age_years is not None else NOT_RECORDED)
        rows = [("Age", age), ("Sex", c.get_sex_display()), ("Ethnicity", _text(c.ethnicity)),
                ("Religion", _text(c.religion)), ("First language", _text(c.first_language)),
                ("Disability or SEND", _text(c.disability)), ("Legal status", c.get_legal_status_display())]
        blocks += [Block("h", c.pseudonym), Block("facts", rows=tuple(rows))]
    return blocks


def _incident(rec: ReviewRecord) -> list[Block]:
    n = rec.review.notification
    harms = ", ".join(HarmType(h).label if h in HarmType.values else h for h in n.harm_types or [])
    rows = (("Nature", n.get_nature_display()), ("Harm types", _text(harms)), ("Date", format_date(n.incident_date)))
    return [Block("facts", rows=rows), *_paragraphs(n.summary)]


def _agencies(rec: ReviewRecord) -> list[Block]:
    blocks = []
    for r in rec.returns:
        if r.nil_return:
            continue
        period = f"{_date(r.involved_from)} to {_date(r.involved_to)}"
        blocks += [Block("h", r.request.agency.name), Block("facts", rows=(
            ("Involved", period), ("Key contacts", _text(r.key_contacts)),
            ("Key practice episodes", _text(r.practice_episodes)), ("What went well", _text(r.went_well)),
            ("Concerns", _text(r.concerns))))]
    nil = [r.request.agency.name for r in rec.returns if r.nil_return]
    if nil:
        blocks.append(Block("p", "Nil returns (no involvement): " + ", ".join(nil) + "."))
    return blocks


def _date(d) -> str:
    return format_date(d) if d else "not given"


def _with_agencies(main: str, rec: ReviewRecord, attribute: str) -> list[Block]:
    """The group's own text, then what each agency said on the same subject."""
    extra = [f"{r.request.agency.name}: {getattr(r, attribute).strip()}" for r in rec.returns
             if getattr(r, attribute, "").strip()]
    return _paragraphs(main, *extra)


def _decision(rec: ReviewRecord) -> list[Block]:
    d = rec.decision
    if d is None:
        return []
    verdict = verdict_summary(meeting_verdict(rec.last_meeting)) if rec.last_meeting else NOT_RECORDED
    rows = [("Decided on", format_date(d.decided_on)), ("Outcome", d.get_outcome_display()),
            ("Methodology", _text(d.methodology)), ("Quorum at the meeting", verdict)]
    if d.needs_ratification:
        rows.append(("Ratification", "Decided at an inquorate meeting: the decision needs ratification"))
    grid = tuple((f"({c.key}) {c.label}" if len(c.key) == 1 else c.label,
                  ANSWER_LABELS.get(d.criteria.get(c.key, {}).get("answer"), NOT_RECORDED),
                  _text(d.criteria.get(c.key, {}).get("rationale"))) for c in CRITERIA)
    blocks = [Block("facts", rows=tuple(rows)), Block("grid", rows=grid, headers=("Criterion", "Answer", "Rationale"))]
    if d.dissent:
        escalated = " It has been escalated to the Safeguarding Leadership Group." if d.escalated_to_slg else ""
        blocks.append(Block("p", f"Dissent: {d.dissent}{escalated}"))
    return blocks


def _parallel(rec: ReviewRecord) -> list[Block]:
    d = rec.decision
    if d is None or not (d.parallel_processes or d.parallel_notes):
        return []
    names = [ParallelProcess(p).label for p in d.parallel_processes if p in ParallelProcess.values]
    return _paragraphs("Under way: " + ", ".join(names) + "." if names else "", d.parallel_notes)


def _national(rec: ReviewRecord) -> list[Block]:
    d = rec.decision
    if d is None:
        return []
    recommended = "The group recommends a national review to the Panel. " if d.outcome == Outcome.NATIONAL else ""
    return _paragraphs(f"{recommended}{d.national_review_rationale}") + [
        Block("p", f"Considered against {NATIONAL_REVIEW_CITATION}.")]


def _sign_offs(rec: ReviewRecord) -> list[Block]:
    rows = []
    for key, label in PARTNER_CHOICES:
        s = rec.sign_offs.get(key)
        rows.append((label, f"{s.signed_by}, {format_date(s.signed_on)}" if s else NOT_RECORDED))
    return [Block("facts", rows=tuple(rows))]


def submission_sections(review) -> list[tuple[str, list[Block]]]:
    """The submission's sections in DOMAIN.md §5 order, each with at least one block."""
    rec = review_record(review)
    d = rec.decision
    bodies = [
        _identifiers(rec), _children(rec),
        _paragraphs(d.household_context if d else "", review.notification.further_information), _incident(rec),
        _agencies(rec), _with_agencies(d.immediate_actions if d else "", rec, "immediate_actions"),
        _paragraphs(d.learning_so_far if d else ""),
        _with_agencies(d.identity_and_inequalities if d else "", rec, "identity_considerations"),
        _paragraphs(d.childs_voice if d else ""), _parallel(rec), _decision(rec), _national(rec), _sign_offs(rec),
    ]
    return [(heading, body or [Block("p", NOT_RECORDED)]) for heading, body in zip(HEADINGS, bodies, strict=True)]


def _title(review) -> str:
    return f"Rapid review submission: {review.notification.reference}"


def submission_docx(review) -> bytes:
    """The submission as an editable Word document (headings use Word's Heading 1 style)."""
    return sections_docx(_title(review), f"OFFICIAL-SENSITIVE. {review.partnership.name}, {review.group.name}.",
                         submission_sections(review))


def sections_docx(title: str, preface: str, sections) -> bytes:
    """A Word document of titled sections of Blocks: the title, a preface line, then each section under a
    Heading 1 (shared by the submission and the chairs' quarterly update)."""
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    doc.add_paragraph(preface)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        for block in blocks:
            _docx_block(doc, block)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_block(doc, block: Block) -> None:
    if block.kind == "h":
        doc.add_heading(block.text, level=2)
    elif block.kind == "p":
        doc.add_paragraph(block.text)
    else:
        columns = len(block.headers) or 2
        table = doc.add_table(rows=0, cols=columns, style="Table Grid")
        for row in ((block.headers,) if block.headers else ()) + tuple(block.rows):
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = str(value)


def submission_pdf(review) -> bytes:
    """The same submission as a PDF, for reading and for the record."""
    return render_pdf("reviews/documents/submission.html",
                      {"title": _title(review), "review": review, "sections": submission_sections(review)})
