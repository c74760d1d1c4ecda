"""Reads for findings, recommendations and their actions: the recommendations part of the review page (and
of the rapid review page), one recommendation or finding, and national recommendations still to assess."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.http import Http404

from casereview.actions.models import Action
from casereview.actions.selectors import is_overdue
from casereview.partnerships.access import partnerships_for
from casereview.partnerships.models import Agency, Person

from .access import can_manage_learning, can_read_learning
from .models import Finding, Recommendation, Review, ReviewKind
from .models.recommendations import LocalRelevance


def _with_actions(qs):
    actions = Action.objects.select_related("owner", "agency").order_by("due_date", "pk")
    return qs.prefetch_related(Prefetch("actions", queryset=actions))


ACTIONABLE = (LocalRelevance.RELEVANT, LocalRelevance.PARTLY)


def recommendation_rows(recommendations, today: date, *, national: bool = False) -> list[dict]:
    """Each recommendation with its actions (each flagged overdue today); removable while it has none; a
    national one takes actions once assessed as relevant or partly relevant locally."""
    rows = []
    for rec in recommendations:
        actions = [{"action": a, "overdue": is_overdue(a, today)} for a in rec.actions.all()]
        rows.append({"rec": rec, "actions": actions, "removable": not actions,
                     "actionable": not national or rec.local_relevance in ACTIONABLE,
                     "overdue_count": sum(1 for a in actions if a["overdue"]),
                     "open_count": sum(1 for a in actions if a["action"].status not in ("complete", "closed"))})
    return rows


def recommendations_part(review: Review, user, today: date) -> dict:
    """The review's findings and recommendations with their actions (three queries)."""
    recommendations = _with_actions(Recommendation.objects.filter(review=review)).order_by("number", "pk")
    national = review.kind == ReviewKind.NATIONAL
    return {
        "recs_findings": list(Finding.objects.filter(review=review).order_by("number", "pk")),
        "recs_rows": recommendation_rows(recommendations, today, national=national),
        "recs_is_national": national,
        "recs_can_manage": can_manage_learning(user, review.partnership),
    }


def rapid_review_recommendations_part(rapid_review, user, today: date) -> dict:
    """The rapid review's recommendations with their actions, for the rapid review page (two queries)."""
    recommendations = _with_actions(Recommendation.objects.filter(rapid_review=rapid_review)).order_by("number", "pk")
    return {
        "recs_rows": recommendation_rows(recommendations, today),
        "recs_is_national": False,
        "recs_can_manage": can_manage_learning(user, rapid_review.partnership),
    }


def recommendation_get(user, pk) -> Recommendation:
    """One recommendation the user may read (with its source), else Http404."""
    rec = Recommendation.objects.select_related("partnership", "review", "rapid_review__notification").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if rec is None or not can_read_learning(user, rec.partnership):
        raise Http404("No such recommendation.")
    return rec


def national_recommendation_get(user, pk) -> Recommendation:
    """One recommendation of a national review the user may read, else Http404."""
    rec = recommendation_get(user, pk)
    if rec.review is None or rec.review.kind != ReviewKind.NATIONAL:
        raise Http404("No such national recommendation.")
    return rec


def finding_get(user, pk) -> Finding:
    """One finding the user may read, else Http404."""
    finding = Finding.objects.select_related("review__partnership").filter(
        pk=pk, review__partnership__in=partnerships_for(user)).first()
    if finding is None or not can_read_learning(user, finding.review.partnership):
        raise Http404("No such finding.")
    return finding


def national_unassessed(user, partnership) -> list[Recommendation]:
    """Recommendations of the partnership's national reviews not yet assessed for local relevance, oldest
    review first."""
    if partnership is None or not can_read_learning(user, partnership):
        return []
    return list(Recommendation.objects.filter(
        partnership=partnership, review__kind=ReviewKind.NATIONAL, local_relevance=LocalRelevance.NOT_ASSESSED,
    ).select_related("review").order_by("review__published_on", "review_id", "number"))


def source_url_parts(rec: Recommendation) -> tuple[str, int, str]:
    """(URL name, pk, fragment) of the page a recommendation is shown on."""
    if rec.review_id:
        return "learning:review_detail", rec.review_id, f"#recommendation-{rec.pk}"
    return "reviews:detail", rec.rapid_review_id, "#recommendations"


def action_owner_choices(partnership):
    """The partnership's agencies, and its people with their agencies (for the lead)."""
    return (Agency.objects.filter(partnership=partnership).order_by("name"),
            Person.objects.filter(partnership=partnership).select_related("agency").order_by("full_name"))
