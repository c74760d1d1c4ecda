"""Reads of the theme taxonomy and tags: the themes page, the themes part of the review page, and the records
a tag form is for (each scoped to the user's partnerships; someone else's looks the same as a missing one)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q
from django.http import Http404

from casereview.partnerships.access import partnerships_for

from .access import can_manage_learning, can_read_learning
from .models import Finding, Recommendation, TaxonomyVersion, Theme, ThemeTag
from .theme_services import CATEGORIES


def review_tags(review) -> Q:
    """Tags on the review, its findings or its recommendations: a union of three indexed look-ups. An OR, across
    joined tables or of IN-subqueries, made PostgreSQL read every tag of every partnership."""
    tags = ThemeTag.objects.values("pk")
    return Q(pk__in=tags.filter(review_id=review.pk).union(tags.filter(finding__review_id=review.pk),
                                                           tags.filter(recommendation__review_id=review.pk)))


def themes_part(review, user, today: date) -> dict:
    """The review's themes, and those of its findings and recommendations (three queries)."""
    tags = list(ThemeTag.objects.filter(review_tags(review)).select_related("theme").order_by("theme__label", "pk"))
    by_finding, by_recommendation = defaultdict(list), defaultdict(list)
    for tag in tags:
        if tag.finding_id:
            by_finding[tag.finding_id].append(tag)
        elif tag.recommendation_id:
            by_recommendation[tag.recommendation_id].append(tag)
    return {
        "themes_review_tags": [t for t in tags if t.review_id],
        "themes_findings": [(f, by_finding[f.pk]) for f in Finding.objects.filter(review=review)],
        "themes_recommendations": [(r, by_recommendation[r.pk]) for r in Recommendation.objects.filter(review=review)],
        "themes_can_manage": can_manage_learning(user, review.partnership),
    }


def theme_overview(partnership) -> dict:
    """Every theme by category with how many records carry it, and the taxonomy's versions (two queries and
    one for the versions)."""
    themes = (Theme.objects.filter(partnership=partnership).select_related("added_in", "retired_in")
              .annotate(uses=Count("tags")).order_by("category", "label"))
    grouped: dict[str, list] = {key: [] for key in CATEGORIES}
    for theme in themes:
        grouped.setdefault(theme.category, []).append(theme)
    versions = list(TaxonomyVersion.objects.filter(partnership=partnership).select_related("created_by")
                    .order_by("-version"))
    return {
        "categories": [(CATEGORIES.get(key, key), items) for key, items in grouped.items() if items],
        "versions": versions,
        "current": versions[0] if versions else None,
        "retired_count": sum(1 for t in themes if t.retired_in_id),
    }


def active_themes(partnership):
    """Themes that can take new tags, by category and label."""
    return Theme.objects.filter(partnership=partnership, retired_in__isnull=True).order_by("category", "label")


def _readable(user, obj, partnership):
    if obj is None or not can_read_learning(user, partnership):
        raise Http404("Not found.")
    return obj


def theme_get(user, pk) -> Theme:
    theme = Theme.objects.select_related("partnership").filter(pk=pk, partnership__in=partnerships_for(user)).first()
    return _readable(user, theme, theme.partnership if theme else None)


def tag_get(user, pk) -> ThemeTag:
    tag = (ThemeTag.objects.select_related("partnership", "theme", "review", "rapid_review", "finding__review",
                                           "recommendation__review")
           .filter(pk=pk, partnership__in=partnerships_for(user)).first())
    return _readable(user, tag, tag.partnership if tag else None)


def finding_get(user, pk) -> Finding:
    finding = (Finding.objects.select_related("review__partnership")
               .filter(pk=pk, review__partnership__in=partnerships_for(user)).first())
    return _readable(user, finding, finding.review.partnership if finding else None)


def recommendation_get(user, pk) -> Recommendation:
    recommendation = (Recommendation.objects.select_related("partnership", "review", "rapid_review__notification")
                      .filter(pk=pk, partnership__in=partnerships_for(user)).first())
    return _readable(user, recommendation, recommendation.partnership if recommendation else None)
