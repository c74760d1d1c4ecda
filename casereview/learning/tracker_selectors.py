"""The learning tracker: each theme across local and national reviews, the recommendations and actions that
answer it, the partnership's response to national recommendations, and evidence of impact.

Counting rules (also on the page and in docs/learning-tracker.md):
- a review is under a theme when the review, one of its findings or one of its recommendations is tagged;
- a recommendation is under its own themes; one with no themes of its own takes its review's;
- actions are those of the recommendations under the theme: open (not started, on track, at risk), overdue
  (open and past the due date today), complete or closed;
- evidence of impact is an action update that says what impact was seen.
The whole tracker takes a fixed number of queries, however many themes and tags there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date

from django.db.models import BigIntegerField, Count, Q, Value

from casereview.actions.models import Action, ActionUpdate
from casereview.domain.governance_lifecycle import ActionStatus
from casereview.domain.suppression import suppress
from casereview.reviews.models import RapidReview
from casereview.web.process_cache import remembered

from .models import Finding, Recommendation, Review, Theme, ThemeTag
from .models.recommendations import LocalRelevance

NATIONAL = "national"
FINISHED = (ActionStatus.COMPLETE.value, ActionStatus.CLOSED.value)


@dataclass(frozen=True)
class TrackerFilters:
    year_from: int | None = None
    year_to: int | None = None
    source: str = ""
    category: str = ""
    theme: int | None = None
    kind: str = ""


@dataclass
class ThemeRow:
    theme: Theme
    local_reviews: int = 0
    rapid_reviews: int = 0
    national_reviews: int = 0
    recommendations: int = 0
    national_recommendations: int = 0
    assessed: int = 0
    actions_open: int = 0
    actions_overdue: int = 0
    actions_closed: int = 0
    impact: int = 0

    @property
    def reviews(self) -> int:
        return self.local_reviews + self.rapid_reviews + self.national_reviews


COLUMNS = (
    ("local_reviews", "Local reviews"), ("rapid_reviews", "Rapid reviews"), ("national_reviews", "National reviews"),
    ("recommendations", "Recommendations"), ("national_recommendations", "National recommendations"),
    ("assessed", "National recommendations assessed locally"), ("actions_open", "Actions open"),
    ("actions_overdue", "Actions overdue"), ("actions_closed", "Actions complete or closed"),
    ("impact", "Updates with evidence of impact"),
)
assert {name for name, _label in COLUMNS} == {f.name for f in fields(ThemeRow)} - {"theme"}


@dataclass
class Tracker:
    rows: list[ThemeRow]
    years: list[tuple[int, int, int]]  # (year, local and rapid reviews, national reviews)
    ids: dict = field(default_factory=dict)  # theme pk -> {"reviews": set, "rapid": set, "recs": set}


def _tags(partnership, f: TrackerFilters):
    qs = ThemeTag.objects.filter(partnership=partnership)
    if f.year_from:
        qs = qs.filter(year__gte=f.year_from)
    if f.year_to:
        qs = qs.filter(year__lte=f.year_to)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.category:
        qs = qs.filter(theme__category=f.category)
    if f.theme:
        qs = qs.filter(theme_id=f.theme)
    if f.kind:
        qs = qs.filter(Q(review__kind=f.kind) | Q(finding__review__kind=f.kind)
                       | Q(recommendation__review__kind=f.kind))
    return qs


def _themes(partnership, f: TrackerFilters):
    qs = Theme.objects.filter(partnership=partnership).select_related("retired_in").order_by("category", "label")
    if f.category:
        qs = qs.filter(category=f.category)
    if f.theme:
        qs = qs.filter(pk=f.theme)
    return qs


def tracker(partnership, today: date, filters: TrackerFilters | None = None) -> Tracker:
    """Every theme's counts under the filters (eight queries at most), remembered while no record changes: it
    counts all of the partnership's tags, recommendations, actions and updates, so reading them again on every
    visit made the page grow with the partnership. The result is shared: callers must not change it."""
    f = filters or TrackerFilters()
    return remembered("learning tracker", (partnership.pk, today, f), lambda: _tracker(partnership, today, f),
                      partnership_id=partnership.pk)


def _tag_rows(tags) -> list[tuple]:
    """Each tag as (theme, year, review, its kind, rapid review, the finding's review, its kind, recommendation,
    the recommendation's review, its kind, its rapid review). The findings, recommendations and reviews the tags
    name are then read by primary key, in one query: left-joined to the tags, PostgreSQL chose to hash every
    recommendation in the country (65 ms at full scale) to place a partnership's thousand tags."""
    rows = list(tags.values_list("theme_id", "year", "review_id", "rapid_review_id", "finding_id",
                                 "recommendation_id"))
    none = Value(None, output_field=BigIntegerField())
    named = Finding.objects.filter(pk__in={r[4] for r in rows if r[4]}).values_list(
        Value("finding"), "pk", "review_id", "review__kind", none).order_by().union(
        Recommendation.objects.filter(pk__in={r[5] for r in rows if r[5]}).values_list(
            Value("recommendation"), "pk", "review_id", "review__kind", "rapid_review_id").order_by(),
        Review.objects.filter(pk__in={r[2] for r in rows if r[2]}).values_list(
            Value("review"), "pk", "pk", "kind", none).order_by(), all=True)
    found = {(what, pk): (review, kind, rapid) for what, pk, review, kind, rapid in named}
    result = []
    for theme, year, review, rapid, finding, rec in rows:
        _, review_kind, _ = found.get(("review", review), (None, None, None))
        f_review, f_kind, _ = found.get(("finding", finding), (None, None, None))
        rec_review, rec_kind, rec_rapid = found.get(("recommendation", rec), (None, None, None))
        result.append((theme, year, review, review_kind, rapid, f_review, f_kind, rec, rec_review, rec_kind,
                       rec_rapid))
    return result


def _tracker(partnership, today: date, f: TrackerFilters) -> Tracker:
    rows = _tag_rows(_tags(partnership, f))
    reviews, rapid, direct_recs = defaultdict(set), defaultdict(set), defaultdict(set)
    inherit_review, inherit_rapid = defaultdict(set), defaultdict(set)  # review pk -> themes, rapid pk -> themes
    by_year = defaultdict(lambda: (set(), set()))
    for theme, year, rv, rv_kind, rr, f_rv, f_kind, rec, rec_rv, rec_kind, rec_rr in rows:
        review_id, kind = rv or f_rv or rec_rv, rv_kind or f_kind or rec_kind
        rapid_id = rr or rec_rr
        if review_id:
            reviews[theme].add((review_id, kind))
            by_year[year][kind == NATIONAL].add(("review", review_id))
        if rapid_id:
            rapid[theme].add(rapid_id)
            by_year[year][False].add(("rapid", rapid_id))
        if rec:
            direct_recs[theme].add(rec)
        elif rv:
            inherit_review[rv].add(theme)
        elif rr:
            inherit_rapid[rr].add(theme)

    # Every recommendation of the partnership is read and counted, and only those under a theme are kept below:
    # narrowing them in the database first (tagged, or of a tagged review) took an OR of three subqueries that
    # PostgreSQL ran row by row (0.8 s at full scale); the counts are the same.
    recs = _recommendations(partnership)
    theme_recs = defaultdict(set)
    for theme, ids in direct_recs.items():
        theme_recs[theme] |= ids & recs.keys()
    for rec in recs.values():
        if not rec["own"]:
            for theme in inherit_review.get(rec["review_id"], set()) | inherit_rapid.get(rec["rapid_review_id"],
                                                                                          set()):
                theme_recs[theme].add(rec["id"])
    actions = _actions(partnership, today)
    # Naming the partnership on the actions lets PostgreSQL reach the updates through their action's index rather
    # than scanning every partnership's updates.
    impact = dict(ActionUpdate.objects.filter(action__partnership=partnership,
                                              action__recommendation__partnership=partnership)
                  .exclude(impact="")
                  .values("action__recommendation_id").annotate(n=Count("pk"))
                  .values_list("action__recommendation_id", "n"))

    result, ids = [], {}
    for theme in _themes(partnership, f):
        row = ThemeRow(theme)
        row.local_reviews = sum(1 for _pk, kind in reviews[theme.pk] if kind != NATIONAL)
        row.national_reviews = sum(1 for _pk, kind in reviews[theme.pk] if kind == NATIONAL)
        row.rapid_reviews = len(rapid[theme.pk])
        under = theme_recs[theme.pk]
        row.recommendations = len(under)
        national = [recs[r] for r in under if recs[r]["kind"] == NATIONAL]
        row.national_recommendations = len(national)
        row.assessed = sum(1 for r in national if r["local_relevance"] != LocalRelevance.NOT_ASSESSED)
        for rec in under:
            opened, overdue, closed = actions.get(rec, (0, 0, 0))
            row.actions_open += opened
            row.actions_overdue += overdue
            row.actions_closed += closed
            row.impact += impact.get(rec, 0)
        if row.reviews or row.recommendations or not theme.retired_in_id:
            result.append(row)
        ids[theme.pk] = {"reviews": {pk for pk, _kind in reviews[theme.pk]}, "rapid": rapid[theme.pk],
                         "recs": under}
    years = [(year, len(local), len(national)) for year, (local, national) in sorted(by_year.items())]
    return Tracker(result, years, ids)


def _recommendations(partnership) -> dict[int, dict]:
    """Every recommendation of the partnership, whether it carries a theme of its own, and its review's kind. The
    tags and the kinds are read apart, by partnership and by primary key: asked in one query, PostgreSQL hashed
    every review and every recommendation's tag in the country (20 ms at full scale)."""
    rows = list(Recommendation.objects.filter(partnership=partnership).order_by().values(
        "id", "review_id", "rapid_review_id", "local_relevance"))
    own = set(ThemeTag.objects.filter(partnership=partnership, recommendation__isnull=False)
              .values_list("recommendation_id", flat=True))
    kinds = dict(Review.objects.filter(pk__in={r["review_id"] for r in rows if r["review_id"]})
                 .values_list("pk", "kind"))
    return {r["id"]: {**r, "own": r["id"] in own, "kind": kinds.get(r["review_id"])} for r in rows}


def _actions(partnership, today: date) -> dict[int, tuple[int, int, int]]:
    """Per recommendation of the partnership: (open, overdue, complete or closed) actions, counted by the database
    (one row per recommendation rather than one per action)."""
    finished = Q(status__in=FINISHED)
    rows = (Action.objects.filter(partnership=partnership, recommendation__partnership=partnership).order_by()
            .values("recommendation_id")
            .annotate(opened=Count("pk", filter=~finished),
                      overdue=Count("pk", filter=~finished & Q(due_date__lt=today)),
                      closed=Count("pk", filter=finished))
            .values_list("recommendation_id", "opened", "overdue", "closed"))
    return {rec: (opened, overdue, closed) for rec, opened, overdue, closed in rows}


# What the page, the charts and the export show ---------------------------------------------------------------

def table(result: Tracker, *, suppressed: bool) -> dict:
    """The tracker as headers and rows of values, with counts of 1 or 2 shown as "[c]" when suppressed."""
    shown = suppress if suppressed else (lambda n: n)
    return {
        "headers": ["Category", "Theme", *[label for _name, label in COLUMNS]],
        "rows": [{"theme": row.theme, "category": row.theme.get_category_display(),
                  "values": [shown(getattr(row, name)) for name, _label in COLUMNS]} for row in result.rows],
    }


def theme_totals(result: Tracker, *, suppressed: bool) -> list[tuple[str, int | str]]:
    """Reviews (local, rapid and national) under each theme that has any, most first."""
    shown = suppress if suppressed else (lambda n: n)
    ranked = sorted((row for row in result.rows if row.reviews), key=lambda r: (-_rank(shown(r.reviews)),
                                                                                 r.theme.label))
    return [(row.theme.label, shown(row.reviews)) for row in ranked]


def _rank(value) -> float:
    return 1.5 if isinstance(value, str) else value  # a suppressed count sorts among the 1s and 2s, by name


def year_totals(result: Tracker, *, suppressed: bool) -> list[tuple[int, int | str, int | str]]:
    shown = suppress if suppressed else (lambda n: n)
    return [(year, shown(local), shown(national)) for year, local, national in result.years]


def theme_detail(result: Tracker, theme: Theme) -> dict:
    """For one theme: its reviews, rapid reviews, national recommendations with the local response, and the
    updates that give evidence of impact (four queries)."""
    ids = result.ids.get(theme.pk, {"reviews": set(), "rapid": set(), "recs": set()})
    return {
        "theme": theme,
        "reviews": list(Review.objects.filter(pk__in=ids["reviews"]).order_by("kind", "-year", "title")),
        "rapid_reviews": list(RapidReview.objects.filter(pk__in=ids["rapid"]).select_related("notification")
                              .order_by("-notification__received_date")),
        "national_recommendations": list(Recommendation.objects.filter(pk__in=ids["recs"], review__kind=NATIONAL)
                                         .select_related("review").order_by("review__title", "number")),
        "impact": list(ActionUpdate.objects.filter(action__recommendation_id__in=ids["recs"]).exclude(impact="")
                       .select_related("action__agency").order_by("-written_at")),
    }


def filter_choices(partnership) -> dict:
    """The themes (current and retired) and the years that tags carry, for the filter form (two queries;
    remembered while no record changes)."""
    return remembered("learning tracker filters", partnership.pk, lambda: _filter_choices(partnership),
                      partnership_id=partnership.pk)


def _filter_choices(partnership) -> dict:
    themes = list(Theme.objects.filter(partnership=partnership).order_by("category", "label")
                  .values_list("pk", "label", "retired_in"))
    years = list(ThemeTag.objects.filter(partnership=partnership).values_list("year", flat=True).distinct()
                 .order_by("year"))
    return {"themes": [(pk, f"{label} (retired)" if retired else label) for pk, label, retired in themes],
            "years": years}
