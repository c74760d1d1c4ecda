"""Similar earlier reviews for a notification, a rapid review or a review (Kent §4 (f): reflect on earlier
learning when commissioning).

The corpus is the partnership's own reviews (local and national) and its rapid reviews with a decision. It is
read in a fixed handful of queries, remembered in the process until any record changes
(casereview.web.process_cache), and scored in memory on each request (casereview.domain.similarity): fine up to a
few thousand reviews. Only reviews dated before the case are listed, never the case itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from casereview.actions.models import Action
from casereview.actions.selectors import FINISHED
from casereview.domain import similarity as sim
from casereview.domain.governance_lifecycle import ACTION
from casereview.incidents.models import HarmType
from casereview.reviews.models import Decision, RapidReview
from casereview.web.process_cache import remembered

from .access import can_read_learning
from .models import Finding, Recommendation, Review, ReviewKind, Theme, ThemeTag

LEARNING_SHOWN = 3
ACTIONS_SHOWN = 5
EXCERPT = 300


@dataclass
class Entry:
    """One review in the corpus: how to find it, when it is dated, its text, themes and learning."""

    key: str
    title: str
    kind_label: str
    dated_on: date
    national: bool = False
    case_id: int | None = None  # the rapid review this is about (same case), if any
    parts: list[str] = field(default_factory=list)
    themes: set[str] = field(default_factory=set)
    learning: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """Worked out only for the few rows shown: reversing a URL for every review in the corpus cost more
        than scoring them."""
        kind, pk = self.key.split(":")
        return reverse("learning:review_detail" if kind == "review" else "reviews:detail", args=[int(pk)])

    @cached_property
    def document(self) -> sim.Document:
        # Built once per remembered corpus; an entry is not changed after the corpus is read.
        return sim.Document(self.key, "\n".join(p for p in self.parts if p), frozenset(self.themes))


def review_dated_on(review: Review) -> date:
    """When a review's learning dates from: its decision, publication or completion, else the end of its year."""
    for day in (review.decision_date, review.published_on, review.completed_on):
        if day:
            return day
    if review.year:
        return date(review.year, 12, 31)  # only the year is known: count it as late as it could be
    return timezone.localdate(review.created_at)


def _review_entries(partnership) -> tuple[dict[str, Entry], dict[int, int]]:
    """The partnership's reviews with their findings, and each finding's review."""
    entries, finding_review = {}, {}
    for r in Review.objects.filter(partnership=partnership).only(
            "pk", "kind", "title", "summary", "year", "decision_date", "published_on", "completed_on", "created_at",
            "rapid_review_id").order_by("pk"):
        entries[f"review:{r.pk}"] = Entry(
            key=f"review:{r.pk}", title=r.title, kind_label=r.get_kind_display(), dated_on=review_dated_on(r),
            national=r.kind == ReviewKind.NATIONAL, case_id=r.rapid_review_id, parts=[r.title, r.summary])
    for pk, review_id, text in Finding.objects.filter(review__partnership=partnership).order_by(
            "review_id", "number", "pk").values_list("pk", "review_id", "text"):
        finding_review[pk] = review_id
        entry = entries.get(f"review:{review_id}")
        if entry:
            entry.parts.append(text)
            entry.learning.append(text)
    return entries, finding_review


def _rapid_entries(partnership) -> dict[str, Entry]:
    """Every decided rapid review of the partnership, read as plain values (hundreds of rows on every page that
    shows similar reviews: building model instances for them cost more than scoring them)."""
    entries = {}
    harm = dict(HarmType.choices)
    # The notification's partnership too (always the rapid review's): without it PostgreSQL scanned every
    # notification in the country to join a partnership's few hundred.
    rows = (Decision.objects.filter(rapid_review__partnership=partnership,
                                    rapid_review__notification__partnership=partnership).order_by("pk")
            .values_list("rapid_review_id", "rapid_review__notification__reference",
                         "rapid_review__notification__summary", "rapid_review__notification__harm_types",
                         "rapid_review__notification__received_date", "decided_on", "learning_so_far",
                         "immediate_actions"))
    for rr_id, reference, summary, harm_types, received, decided_on, learning, immediate in rows:
        entries[f"rapid:{rr_id}"] = _entry_of_rapid(rr_id, reference, summary, harm_types, received, harm,
                                                    decided=(decided_on, learning, immediate))
    return entries


def _rapid_entry(rr: RapidReview, decision: Decision | None, harm: dict) -> Entry:
    notification = rr.notification
    return _entry_of_rapid(rr.pk, notification.reference, notification.summary, notification.harm_types,
                           notification.received_date, harm,
                           decided=(decision.decided_on, decision.learning_so_far, decision.immediate_actions)
                           if decision else None)


def _entry_of_rapid(rr_id: int, reference: str, summary: str, harm_types, received: date, harm: dict,
                    decided: tuple | None) -> Entry:
    """A rapid review's entry; `decided` is (decided on, learning so far, immediate actions) once decided."""
    harm_types = [h for h in harm_types or [] if isinstance(h, str)]
    entry = Entry(key=f"rapid:{rr_id}", title=f"Rapid review {reference}", kind_label="Rapid review",
                  dated_on=decided[0] if decided else received, case_id=rr_id,
                  parts=[summary, *(harm.get(h, "") for h in harm_types)],
                  themes={sim.HARM_TYPE_THEMES[h] for h in harm_types if h in sim.HARM_TYPE_THEMES})
    if decided:
        entry.parts += [decided[1], decided[2]]
        entry.learning = [decided[1]] if decided[1] else []
    return entry


def _add_recommendations_and_themes(partnership, entries: dict[str, Entry],
                                    finding_review: dict[int, int]) -> dict[str, str]:
    """Put recommendation texts and theme keys on the entries; return the partnership's theme labels by key.
    A tag's finding or recommendation is placed from the rows already read here: joined to the tags, PostgreSQL
    hashed every recommendation in the country to place one partnership's tags."""
    recommendation = {}
    for pk, review_id, rapid_id, text in Recommendation.objects.filter(partnership=partnership).order_by(
            "number", "pk").values_list("pk", "review_id", "rapid_review_id", "text"):
        recommendation[pk] = (review_id, rapid_id)
        entry = entries.get(f"review:{review_id}") if review_id else entries.get(f"rapid:{rapid_id}")
        if entry:
            entry.parts.append(text)
    for key, review_id, finding_id, rec_id, rapid_id in ThemeTag.objects.filter(partnership=partnership).values_list(
            "theme__key", "review_id", "finding_id", "recommendation_id", "rapid_review_id"):
        rec_review, rec_rapid = recommendation.get(rec_id, (None, None))
        reviews = [t for t in (review_id, finding_review.get(finding_id), rec_review) if t]
        rapids = [t for t in (rapid_id, rec_rapid) if t]
        for name in [f"review:{t}" for t in reviews] + [f"rapid:{t}" for t in rapids]:
            if name in entries:
                entries[name].themes.add(key)
    return dict(Theme.objects.filter(partnership=partnership).values_list("key", "label"))


def _read_corpus(partnership) -> tuple[dict[str, Entry], dict[str, str]]:
    entries, finding_review = _review_entries(partnership)
    entries.update(_rapid_entries(partnership))
    return entries, _add_recommendations_and_themes(partnership, entries, finding_review)


def _corpus(partnership, query_rapid: RapidReview | None = None) -> tuple[dict[str, Entry], dict[str, str]]:
    """The partnership's corpus (shared: never changed here), with an undecided query rapid review added to a
    copy."""
    entries, labels = remembered("similar corpus", partnership.pk, lambda: _read_corpus(partnership),
                                 partnership_id=partnership.pk)
    if query_rapid is not None and f"rapid:{query_rapid.pk}" not in entries:
        entries = {**entries, f"rapid:{query_rapid.pk}": _rapid_entry(query_rapid, None, dict(HarmType.choices))}
    return entries, labels


def _candidates(entries: dict[str, Entry], query: Entry, case_date: date) -> list[Entry]:
    """Reviews dated before the case and not about the same case; a rapid review gives way to the review it
    commissioned when both qualify (the review carries its fuller learning)."""
    earlier = [e for e in entries.values() if e.key != query.key and e.dated_on < case_date
               and (query.case_id is None or e.case_id != query.case_id)]
    commissioned = {e.case_id for e in earlier if e.key.startswith("review:") and e.case_id}
    return [e for e in earlier if not (e.key.startswith("rapid:") and e.case_id in commissioned)]


def _actions_by_entry(keys: list[str]) -> dict[str, list[dict]]:
    review_ids = [int(k.split(":")[1]) for k in keys if k.startswith("review:")]
    rapid_ids = [int(k.split(":")[1]) for k in keys if k.startswith("rapid:")]
    found: dict[str, list[dict]] = {k: [] for k in keys}
    if not keys:
        return found
    rows = Action.objects.filter(Q(recommendation__review_id__in=review_ids)
                                 | Q(recommendation__rapid_review_id__in=rapid_ids)).order_by("due_date", "pk")
    for pk, title, status, review_id, rapid_id in rows.values_list(
            "pk", "title", "status", "recommendation__review_id", "recommendation__rapid_review_id"):
        key = f"review:{review_id}" if review_id else f"rapid:{rapid_id}"
        found[key].append({"title": title, "url": reverse("actions:detail", args=[pk]),
                           "status": ACTION.label(status) if status in ACTION.labels else status,
                           "finished": status in FINISHED})
    return found


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…"


def _rows(matches: list[sim.Match], entries: dict[str, Entry], labels: dict[str, str]) -> list[dict]:
    actions = _actions_by_entry([m.key for m in matches])
    rows = []
    for m in matches:
        entry, entry_actions = entries[m.key], actions[m.key]
        finished = sum(1 for a in entry_actions if a["finished"])
        rows.append({
            "title": entry.title, "url": entry.url, "kind_label": entry.kind_label, "national": entry.national,
            "dated_on": entry.dated_on, "score": round(m.score * 100), "why": sim.explain(m, labels),
            "learning": [_excerpt(t) for t in entry.learning[:LEARNING_SHOWN]],
            "learning_more": max(0, len(entry.learning) - LEARNING_SHOWN),
            "actions": entry_actions[:ACTIONS_SHOWN], "actions_more": max(0, len(entry_actions) - ACTIONS_SHOWN),
            "actions_open": len(entry_actions) - finished, "actions_finished": finished,
            "actions_url": (f"{reverse('actions:list')}?review={m.key.split(':')[1]}"
                            if m.key.startswith("review:") and entry_actions else ""),
        })
    return rows


def _similar(entries, labels, query: Entry, case_date: date) -> list[dict]:
    candidates = _candidates(entries, query, case_date)
    matches = sim.rank(query.document, [c.document for c in candidates])
    return _rows(matches, entries, labels)


def similar_to_rapid_review(rapid_review: RapidReview) -> list[dict]:
    """The most similar reviews dated before the notification was received (up to five, best first)."""
    entries, labels = _corpus(rapid_review.partnership, rapid_review)
    query = entries[f"rapid:{rapid_review.pk}"]
    return _similar(entries, labels, query, rapid_review.notification.received_date)


def case_date_of(review: Review) -> date:
    """The date a review's case came in: its rapid review's notification, else the review's own date."""
    if review.rapid_review_id:
        return review.rapid_review.notification.received_date
    return review_dated_on(review)


def similar_to_review(review: Review) -> list[dict]:
    """The most similar reviews dated before this review's case (up to five, best first)."""
    entries, labels = _corpus(review.partnership)
    query = entries[f"review:{review.pk}"]
    return _similar(entries, labels, query, case_date_of(review))


def similar_context(rows: list[dict] | None) -> dict:
    """The context learning/similar/_list.html reads; rows None means the user may not see them."""
    return {"similar_visible": rows is not None, "similar_rows": rows or [], "similar_minimum": sim.MINIMUM_SCORE}


def similar_for_rapid_review(rapid_review: RapidReview, user) -> dict:
    if not can_read_learning(user, rapid_review.partnership):
        return similar_context(None)
    return similar_context(similar_to_rapid_review(rapid_review))


def similar_part(review, user, today: date) -> dict:
    """The similar part of the review page: earlier reviews like this one, with their learning and actions."""
    if not can_read_learning(user, review.partnership):
        return similar_context(None)
    return similar_context(similar_to_review(review))
