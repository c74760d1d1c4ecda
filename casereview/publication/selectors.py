"""Reads for the publication pages. Only the business team prepares a report for publication: a draft of
another partnership, or any draft for an agency contributor, is "not found"; chairs, members and the
scrutineer are refused."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.http import Http404

from casereview.domain.publication import (
    ANSWER_LABELS,
    DECISION_LABELS,
    HARM_CHECK_OPEN,
    PUBLICATION_DRAFT,
    STATUS_COLOURS,
    DraftStatus,
    harm_check_concerns,
)
from casereview.domain.redaction import context_of
from casereview.domain.redaction_patterns import KIND_LABELS
from casereview.learning.selectors import review_get
from casereview.partnerships.access import can_administer, can_read_all, partnerships_for

from .models import ChangeStatus, PublicationDraft
from .output import accepted_changes
from .register import notification_of
from .signoff_services import EXPORTABLE, second_person_refusal

CHANGE_ORDER = {ChangeStatus.PROPOSED: 0, ChangeStatus.ACCEPTED: 1, ChangeStatus.REJECTED: 2}


def review_for_publication(user, pk):
    """A learning review whose report the user may prepare (404 outside their partnerships, 403 for readers)."""
    review = review_get(user, pk)
    if not can_administer(user, review.partnership):
        raise PermissionDenied
    return review


def draft_get(user, pk) -> PublicationDraft:
    draft = (PublicationDraft.objects.select_related("review", "partnership", "prepared_by", "redacted_by",
                                                     "signed_off_by", "harm_checked_by")
             .filter(pk=pk, partnership__in=partnerships_for(user)).first())
    if draft is None or not can_read_all(user, draft.partnership):  # as for the review: contributors find nothing
        raise Http404("No such draft.")
    if not can_administer(user, draft.partnership):
        raise PermissionDenied
    return draft


def status_of(draft) -> dict:
    return {"label": PUBLICATION_DRAFT.label(draft.status), "colour": STATUS_COLOURS.get(draft.status, "grey")}


def drafts_of(review) -> list[dict]:
    return [{"draft": d, "status": status_of(d)}
            for d in review.publication_drafts.select_related("prepared_by").order_by("-created_at", "-pk")]


def harm_rows(draft) -> list[dict]:
    rows = [("Could publication harm a surviving child or sibling?", draft.harm_to_child, draft.harm_to_child_notes),
            ("Is a criminal trial or inquest pending?", draft.proceedings_pending, draft.proceedings_notes),
            ("Have the family been told?", draft.family_told, draft.family_notes)]
    return [{"question": q, "answer": ANSWER_LABELS.get(a, "Not answered"), "notes": n} for q, a, n in rows]


def draft_page(draft, user) -> dict:
    """Everything the draft's page shows: status, harm check, counts of changes, and what may be done next."""
    counts = Counter(draft.changes.values_list("status", flat=True))
    checked = bool(draft.harm_decision)
    status = draft.status
    return {
        "draft": draft, "review": draft.review, "status": status_of(draft),
        "harm_checked": checked, "harm_rows": harm_rows(draft) if checked else [],
        "harm_decision": DECISION_LABELS.get(draft.harm_decision, ""),
        "concerns": harm_check_concerns(harm_to_child=draft.harm_to_child,
                                        proceedings_pending=draft.proceedings_pending,
                                        family_told=draft.family_told) if checked else [],
        "counts": {s.label: counts.get(s.value, 0) for s in ChangeStatus},
        "undecided": counts.get(ChangeStatus.PROPOSED, 0),
        "can_harm_check": status in HARM_CHECK_OPEN,
        "can_start": status == DraftStatus.HARM_CHECKED,
        "in_review": status == DraftStatus.IN_REVIEW,
        "redacted": status == DraftStatus.REDACTED,
        "signed_off": status == DraftStatus.SIGNED_OFF,
        "has_changes": status in {DraftStatus.IN_REVIEW, DraftStatus.REDACTED, DraftStatus.SIGNED_OFF},
        "can_download": status in EXPORTABLE,
        "sign_off_refusal": second_person_refusal(user, draft),
        "no_register": notification_of(draft.review) is None,
    }


def change_rows(draft, *, kind: str = "", status: str = "") -> list[dict]:
    """Each change with a few words either side, the undecided first; optionally only one kind or status."""
    changes = draft.changes.select_related("decided_by")
    if kind in KIND_LABELS:
        changes = changes.filter(kind=kind)
    if status in ChangeStatus.values:
        changes = changes.filter(status=status)
    rows = []
    for change in sorted(changes, key=lambda c: (CHANGE_ORDER.get(c.status, 3), c.start)):
        before, after = context_of(draft.source_text, change.start, change.end)
        rows.append({"change": change, "before": before, "after": after,
                     "kind": KIND_LABELS.get(change.kind, change.kind)})
    return rows


def kind_filters(draft) -> list[dict]:
    counts = Counter(draft.changes.values_list("kind", flat=True))
    return [{"kind": str(k), "label": label, "count": counts[k]} for k, label in KIND_LABELS.items() if counts[k]]


def preview_paragraphs(draft) -> list[list[dict]]:
    """The redacted report paragraph by paragraph, each a list of pieces marking what was replaced."""
    bounds = [tuple(b) for b in draft.structure.get("bounds", [])]
    changes = accepted_changes(draft)
    paragraphs, index = [], 0
    for start, end in bounds:
        pieces, cursor = [], start
        while index < len(changes) and changes[index][1] <= end:  # sorted, and none crosses a line break
            s, e, replacement = changes[index]
            index += 1
            if s < cursor:
                continue
            pieces += [{"text": draft.source_text[cursor:s], "replaced": False},
                       {"text": replacement, "replaced": True}]
            cursor = e
        pieces.append({"text": draft.source_text[cursor:end], "replaced": False})
        paragraphs.append([p for p in pieces if p["text"]])
    return paragraphs
