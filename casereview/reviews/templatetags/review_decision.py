"""Template tag for the review page's section on the pack, meeting, decision, sign-off, submission and feedback."""

from __future__ import annotations

from django import template
from django.urls import reverse

from casereview.domain.lifecycle import RapidReviewStatus as S
from casereview.meetings.services import meeting_verdict, verdict_summary
from casereview.reviews.access import can_manage_review
from casereview.reviews.criteria import ANSWER_LABELS, CRITERIA
from casereview.reviews.models import PARTNER_CHOICES
from casereview.reviews.pack import pack_entitled
from casereview.reviews.submission_documents import review_record
from casereview.reviews.submission_services import feedback_expectation, panel_clock

register = template.Library()

# (label, url name, sent as a POST form, shown as a secondary button) for the business team's next step.
NEXT_STEPS = {
    S.GATHERING: [("Circulate the pack", "reviews:pack_circulate", False, False)],
    S.PACK_CIRCULATED: [("Record the meeting", "reviews:meeting_record", False, False)],
    S.MEETING_HELD: [("Record the decision", "reviews:decide", False, False)],
    S.DECIDED: [("Record sign-off", "reviews:sign_off", False, False)],
    S.SIGNED_OFF: [("Download the submission", "reviews:submission_docx", False, True),
                   ("Record submission", "reviews:submit", False, False)],
    S.SUBMITTED: [("Record Panel feedback", "reviews:feedback", False, False)],
    S.FEEDBACK_RECEIVED: [("Share feedback", "reviews:feedback_share", True, False),
                          ("Close the review", "reviews:close", True, True)],
}
DECIDED_OR_LATER = {S.DECIDED, S.SIGNED_OFF, S.SUBMITTED, S.FEEDBACK_RECEIVED, S.CLOSED, S.WITHDRAWN}


@register.simple_tag
def decision_overview(review, user) -> dict:
    """What the section shows: the next step for the business team, and what has been recorded so far."""
    status = S(review.status)
    rec = review_record(review, with_returns=False)
    meeting = rec.last_meeting
    verdict = meeting_verdict(meeting) if meeting else None
    distributions = list(review.pack_distributions.select_related("recipient"))
    return {
        "steps": _steps(review, status, rec) if can_manage_review(user, review) else [],
        "pack": {"sent_at": distributions[0].sent_at, "count": len(distributions),
                 "sha256": distributions[0].pack_sha256} if distributions else None,
        "pack_download": pack_entitled(user, review) and (bool(distributions) or status == S.GATHERING),
        "meeting": meeting, "verdict": verdict, "verdict_summary": verdict_summary(verdict) if meeting else "",
        "attendance": list(meeting.attendance.select_related("person", "attending_for__person")) if meeting else [],
        "decision": rec.decision, "criteria": _criteria_rows(rec.decision),
        "sign_offs": [(label, rec.sign_offs.get(key)) for key, label in PARTNER_CHOICES],
        "show_sign_offs": bool(rec.sign_offs) or status in DECIDED_OR_LATER and rec.decision is not None,
        "submission": rec.submission, "submission_links": status in DECIDED_OR_LATER and rec.decision is not None,
        "no_panel_clock": feedback_expectation(review) if rec.submission and not panel_clock(review) else "",
    }


def _steps(review, status, rec) -> list[dict]:
    steps = NEXT_STEPS.get(status, [])
    if status == S.FEEDBACK_RECEIVED and rec.submission and rec.submission.feedback_shared_on:
        steps = [s for s in steps if s[1] != "reviews:feedback_share"]
    return [{"label": label, "url": reverse(name, args=[review.pk]), "post": post, "secondary": secondary}
            for label, name, post, secondary in steps]


def _criteria_rows(decision) -> list[dict]:
    if decision is None:
        return []
    return [{"key": c.key, "label": c.label, "citation": c.citation,
             "answer": ANSWER_LABELS.get(decision.criteria.get(c.key, {}).get("answer"), "Not recorded"),
             "rationale": decision.criteria.get(c.key, {}).get("rationale", "")} for c in CRITERIA]
