"""Reads for a review's own record on the review page (its fields, clocks, reviewers, milestones and links),
for commissioning a practice review from a rapid review, and for the records a review's forms change."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.http import Http404

from casereview.domain.clocks import format_date
from casereview.domain.practice_reviews import OTHER_REVIEW, PRACTICE_REVIEW, PracticeReviewStatus
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.reviews.models import Outcome

from .access import can_manage_learning
from .models import Review, Reviewer, ReviewKind, ReviewLink, ReviewMilestone
from .models.reviews import MilestoneKind
from .review_clocks import advance_clock_state, planned_after_due, publication_clock_state
from .review_other_services import FIELDS
from .review_services import MOVE_BUTTONS, moves_for

P = PracticeReviewStatus
STATUS_COLOURS = {"commissioned": "grey", "in_progress": "blue", "quality_assured": "turquoise",
                  "published": "green", "not_published": "purple", "open": "blue", "completed": "green"}
LABELS = {
    "reference": "Reference", "summary": "Summary", "source_body": "Published by", "published_on": "Published on",
    "commissioning_body": "Commissioning body", "legal_basis": "Legal basis", "criteria_basis": "Criteria met",
    "lead_body": "Lead body", "joint_chair": "Joint chair", "family_contact": "Family contact",
    "criminal_proceedings": "Criminal proceedings and limits on disclosure", "coroner": "Coroner",
    "publication_decision": "Publication decision", "annual_report_inclusion": "In each board's annual report",
    "agency": "Agency", "scope": "Scope", "year": "Year of its learning", "review_terms": "The review's terms of "
    "reference", "methodology": "Methodology", "group": "Overseen by", "decision_date": "Decision to hold it",
    "planned_publication_date": "Planned publication", "advance_working_days": "Advance copy",
    "publication_url": "Published at", "pseudonyms": "Pseudonyms used", "not_published_reasons":
    "Reasons for not publishing", "completed_on": "Completed on",
}
LCSPR_ROWS = ["reference", "group", "decision_date", "scope", "review_terms", "methodology", "summary",
              "planned_publication_date", "advance_working_days", "published_on", "publication_url", "pseudonyms",
              "completed_on", "not_published_reasons", "year"]


def status_label(review) -> str:
    table = PRACTICE_REVIEW if review.kind == ReviewKind.LCSPR else OTHER_REVIEW
    return table.labels.get(review.status, review.status)


def _shown(review, name: str) -> str:
    value = getattr(review, name)
    if name == "criteria_basis":
        return review.get_criteria_basis_display()
    if name == "advance_working_days":
        return f"{value} working days before publication, to the Panel and the Secretary of State"
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def record_rows(review) -> list[dict]:
    """The review's own fields for its kind, filled in ones only (label, text, whether a link)."""
    names = LCSPR_ROWS if review.kind == ReviewKind.LCSPR else FIELDS[ReviewKind(review.kind)][1:]
    rows = [{"label": LABELS[name], "text": _shown(review, name), "link": name == "publication_url"}
            for name in names]
    return [row for row in rows if row["text"]]


def milestone_rows(review, today: date) -> list[dict]:
    """Each milestone with whether it is overdue: planned before today and not yet done."""
    return [{"milestone": m, "overdue": m.done_on is None and m.planned_on < today}
            for m in review.milestones.all()]


def link_rows(review) -> list[dict]:
    """The links on this review, whichever review they were made from, each with the other review."""
    links = ReviewLink.objects.filter(Q(from_review=review) | Q(to_review=review)).select_related(
        "from_review", "to_review").order_by("pk")
    return [{"link": link, "other": link.to_review if link.from_review_id == review.pk else link.from_review}
            for link in links]


def record_part(review, user, today: date) -> dict:
    """The record part of the review page: fields, status and its next steps, clocks, reviewers, milestones,
    links. Keys start with "record_"."""
    lcspr = review.kind == ReviewKind.LCSPR
    manage = can_manage_learning(user, review.partnership)
    context = {
        "record_lcspr": lcspr, "record_manage": manage, "record_status": status_label(review),
        "record_status_colour": STATUS_COLOURS.get(review.status, "grey"), "record_rows": record_rows(review),
        "record_links": link_rows(review),
        "record_moves": [{"move": m, "label": MOVE_BUTTONS[m]} for m in moves_for(review)] if manage else [],
    }
    if lcspr:
        context.update(_lcspr_part(review, today, manage))
    return context


def _lcspr_part(review, today: date, manage: bool) -> dict:
    calendar = partnership_calendar(review.partnership)
    reviewers = list(review.reviewers.all())
    milestones = milestone_rows(review, today)
    late = planned_after_due(review, calendar)
    return {
        "record_publication": publication_clock_state(review, today, calendar),
        "record_advance": advance_clock_state(review, today, calendar),
        "record_planned_late": late,
        "record_reviewers": reviewers, "record_not_independent": [r for r in reviewers if not r.independent],
        "record_milestones": milestones, "record_overdue": [row for row in milestones if row["overdue"]],
        "record_qa_done": any(row["milestone"].kind == MilestoneKind.QUALITY_ASSURANCE
                              and row["milestone"].done_on for row in milestones),
        "record_can_finish": manage and review.status == P.QUALITY_ASSURED,
        "record_advance_open": manage and review.status not in (P.NOT_PUBLISHED,),
    }


def lcspr_for_rapid_review(rapid_review) -> Review | None:
    """The practice review commissioned from a rapid review's decision, if any."""
    return Review.objects.filter(rapid_review=rapid_review, kind=ReviewKind.LCSPR).first()


def commission_state(rapid_review, user) -> dict:
    """What a rapid review's page says about its practice review: the review if commissioned, whether the
    decision calls for one, and whether this user may commission it."""
    decision = getattr(rapid_review, "decision", None)
    wanted = decision is not None and decision.outcome == Outcome.LCSPR
    existing = lcspr_for_rapid_review(rapid_review) if wanted else None
    return {"lcspr": existing, "wanted": wanted,
            "can_commission": wanted and existing is None and can_manage_learning(user, rapid_review.partnership)}


def commission_refusal(rapid_review) -> tuple[str, Review | None]:
    """Why a practice review cannot be commissioned from this rapid review ("" when it can), and the review
    already commissioned if that is why."""
    decision = getattr(rapid_review, "decision", None)
    if decision is None:
        return "No decision has been recorded for this rapid review yet.", None
    if decision.outcome != Outcome.LCSPR:
        return (f"The decision on this rapid review was “{decision.get_outcome_display()}”. A practice review is "
                "commissioned only from a decision to hold a local child safeguarding practice review.", None)
    existing = lcspr_for_rapid_review(rapid_review)
    if existing is not None:
        return "A practice review has already been commissioned from this rapid review.", existing
    return "", None


def commission_initial(rapid_review) -> dict:
    """Starting values for the commission form: a title and reference from the notification's reference
    (never a child's name), the decision's methodology, and the group that will oversee it."""
    decision = rapid_review.decision
    reference = rapid_review.notification.reference
    return {"title": f"Local child safeguarding practice review ({reference})",
            "reference": f"LCSPR {reference}"[:60], "methodology": decision.methodology,
            "group": str(default_group(rapid_review).pk), "advance_working_days": 7}


def default_group(rapid_review):
    """The group that oversees the practice review by default: the rapid review's own group when it is a
    subgroup; when it is a rapid review group (as Kent's is), the partnership's first subgroup if it has one."""
    from casereview.partnerships.models import Group, GroupKind

    if rapid_review.group.kind == GroupKind.SUBGROUP:
        return rapid_review.group
    subgroup = Group.objects.filter(partnership=rapid_review.partnership, kind=GroupKind.SUBGROUP).order_by(
        "name", "pk").first()
    return subgroup or rapid_review.group


def group_choices(partnership) -> list:
    from casereview.partnerships.models import Group

    return list(Group.objects.filter(partnership=partnership).order_by("name", "pk"))


def pseudonyms_of(review) -> str:
    """The pseudonyms of the children in the rapid review's notification, to start the publish form."""
    if review.rapid_review_id is None:
        return ""
    return ", ".join(review.rapid_review.notification.children.order_by("pk").values_list("pseudonym", flat=True))


def reviewer_get(review, reviewer_pk) -> Reviewer:
    reviewer = Reviewer.objects.filter(pk=reviewer_pk, review=review).first()
    if reviewer is None:
        raise Http404("No such reviewer on this review.")
    return reviewer


def milestone_get(review, milestone_pk) -> ReviewMilestone:
    milestone = ReviewMilestone.objects.filter(pk=milestone_pk, review=review).first()
    if milestone is None:
        raise Http404("No such milestone on this review.")
    return milestone


def link_get(review, link_pk) -> ReviewLink:
    link = ReviewLink.objects.filter(Q(from_review=review) | Q(to_review=review), pk=link_pk).first()
    if link is None:
        raise Http404("No such link on this review.")
    return link


def link_choices(review) -> list[Review]:
    """The partnership's other reviews not yet linked to this one, newest first."""
    from .review_other_services import linked_review_ids

    taken = linked_review_ids(review) | {review.pk}
    return list(Review.objects.filter(partnership=review.partnership).exclude(pk__in=taken).order_by(
        "-year", "title", "pk")[:500])

