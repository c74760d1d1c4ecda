"""Fill a separate SQLite database with fictional benchmark data at a scale (1.0 = ten times England's ten years).

Usage: DATABASE_URL=sqlite:///.../bench/bench-0.01.sqlite3 python bench/generate.py --scale 0.01
(the database must be freshly migrated; `make bench` does this). Every name and case here is invented.

The demo partnership (with its meetings and learning demo), partnerships, agencies, groups, terms and each
partnership's theme taxonomy go through the services (131 partnerships at most: fast enough). The bulk records
(notifications, rapid reviews, requests, decisions, practice and national reviews, recommendations, actions,
action updates, theme tags, users) use bulk_create in one transaction, and their audit events are written in bulk
too, hashed in one pass with the same `event_hash` the service uses, so `manage.py audit_verify` passes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import counts, start_django  # noqa: E402

AGENCY_KINDS = [("Children's Services", "la_childrens_services"), ("Constabulary", "police"),
                ("Integrated Care Board", "health_icb"), ("Education Service", "education")]
# A rapid review's status by how long ago it was due: open while running; in the two months after, anywhere from
# still open to closed; then sent to the Panel and waiting for (or sharing) its feedback for a few months; and
# closed, or withdrawn, once that is done. (Leaving old cases "submitted" for years would put ten years of cases
# in the open list, which no partnership has.)
OPEN = ["notified", "gathering", "pack_circulated", "meeting_held", "decided"]
FINISHED = ["signed_off", "submitted", "feedback_received", "closed", "withdrawn"]
AWAITING_PANEL = ["submitted", "feedback_received", "closed", "closed", "withdrawn"]
DONE = ["closed", "closed", "closed", "closed", "closed", "closed", "withdrawn"]
DECIDED = {"decided", "signed_off", "submitted", "feedback_received", "closed"}  # these have a Decision
REQUEST_STATUSES = ["requested", "reminded", "returned", "returned", "nil_return"]
OTHER_OUTCOMES = ["no_further_review", "no_further_review", "no_further_review", "learning_event",
                  "single_agency_review", "multi_agency_audit", "national_review_recommended"]
METHODOLOGIES = ["SCIE Learning Together (systems)", "SILP (Significant Incident Learning Process)",
                 "Other systems approach", "Appreciative inquiry", "Hybrid"]
MILESTONES = [("practitioner_event", 45), ("family_engagement", 60), ("first_draft", 100), ("final_draft", 140),
              ("quality_assurance", 160)]
PEOPLE_PER_AGENCY = 2
BATCH = 5_000

# Fictional learning, keyed by theme (DOMAIN.md §6 keys): what was found, and what the partners should do.
# Records take two themes each, their text from those themes and their tags the same, so the similar-reviews
# search and the learning tracker have something real to work on.
LEARNING = {
    "information_sharing": ("Agencies each held part of the picture but did not share it before the incident.",
                            "Partners should agree when and how worries about a family are shared across agencies."),
    "risk_assessment": ("Risk was assessed episode by episode rather than over the family's history.",
                        "Assessments should weigh the family's history, not only the latest episode."),
    "professional_curiosity": ("Practitioners accepted the parents' account without professional curiosity.",
                               "Supervision should test practitioners' curiosity about accounts given by carers."),
    "childs_voice": ("The child's daily life and wishes were rarely recorded in their own words.",
                     "Records should show what the child said and how their daily life was seen."),
    "think_family": ("Adult services did not consider the children living in the household.",
                     "Adult services should ask about children in the household at every assessment."),
    "fathers": ("The father and other male carers were not seen or assessed.",
                "Practitioners should identify and engage fathers and male carers in every assessment."),
    "domestic_abuse": ("Domestic abuse incidents were not linked to the safety of the children.",
                       "Police notifications of domestic abuse should trigger a review of the children's safety."),
    "parental_mental_health": ("A parent's mental health deteriorated without agencies connecting it to care.",
                               "Mental health services should consider parenting capacity when a parent is unwell."),
    "substance_misuse": ("Parental substance misuse was known but its effect on care was not assessed.",
                         "Substance misuse services should share concerns about parenting with children's services."),
    "neglect": ("Missed health appointments and poor home conditions were not seen as signs of neglect.",
                "Partners should use a shared neglect tool and act on patterns of missed appointments."),
    "nai_babies": ("Bruising in a non-mobile baby was not referred as the protocol requires.",
                   "Every agency should follow the bruising in non-mobile babies protocol without exception."),
    "sudi": ("Safer sleep advice was not repeated when the family's circumstances changed.",
             "Health visitors should repeat safer sleep advice when a family's circumstances change."),
    "extra_familial_harm": ("Signs of criminal exploitation outside the home were treated as behaviour.",
                            "Partners should respond to exploitation outside the home as harm, not as choice."),
    "child_mental_health_suicide": ("A young person's self-harm was not followed up after discharge.",
                                    "Mental health discharge plans should name who follows up and when."),
    "not_in_school": ("The child was out of school and no agency saw them for months.",
                      "Education should alert partners when a child known to them leaves school rolls."),
}
HARM_TYPES = {"neglect": "neglect", "nai_babies": "non_accidental_injury", "sudi": "sudi",
              "extra_familial_harm": "extra_familial_harm", "child_mental_health_suicide": "self_harm_suicide"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    args = parser.parse_args()
    # The demo's services send notices after commit: keep them in memory rather than dial a mail server.
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    start_django(args.scale)
    began = time.perf_counter()
    sizes = generate(args.scale)
    _analyse()
    print(f"scale {args.scale:g}: {sizes} in {time.perf_counter() - began:.1f} s")


def _analyse() -> None:
    """On PostgreSQL, what an operator does after a bulk load: refresh the planner's statistics and the visibility
    map that lets a query be answered from an index alone (autovacuum would get there, later). SQLite is left as
    Django makes it, without statistics: its ANALYZE counts NULLs as one value, so a foreign key that is mostly
    NULL (a recommendation's rapid review) looked unselective and the similar-reviews page scanned every
    recommendation."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def generate(scale: float) -> dict[str, int]:
    from django.db import transaction

    from casereview.partnerships.demo import load_demo

    if not load_demo(with_meetings=True):
        sys.exit("The bench database already has data: delete it and migrate again (make bench does).")
    want = counts(scale)
    rnd = random.Random(8)
    groups = [*_demo_groups(), *_partnerships(want["partnerships"] - 1)]
    themes = _taxonomies()
    with transaction.atomic():
        chain = _Chain()
        owners = _people()
        reviews = _notifications_and_reviews(groups, want["notifications"], rnd, chain)
        requests = _agency_requests(reviews, rnd)
        decisions = _decisions(reviews, want["practice_reviews"], rnd, chain)
        submissions = _submissions(decisions, rnd, chain)
        learning = _practice_reviews(decisions, want["practice_reviews"], rnd, chain)
        learning += _national_reviews(want["national_reviews"], rnd, chain)
        _review_details(learning, rnd)
        recommendations = _recommendations(learning, want["recommendations"], rnd, chain)
        actions = _actions(recommendations, owners, want["actions"], rnd, chain)
        updates = _action_updates(actions, want["action_updates"], rnd, chain)
        tags = _theme_tags(learning, decisions, themes, rnd)
        users = _users(want["users"], rnd)
        events = chain.close(want["audit_events"], reviews, rnd)
    lcspr = sum(1 for r in learning if r.kind == "lcspr")
    return {"partnerships": len({g.partnership_id for g in groups}), "rapid_reviews": len(reviews),
            "agency_requests": requests, "decisions": len(decisions), "submissions": submissions,
            "practice_reviews": lcspr,
            "practice_reviews_without_rapid_review": sum(1 for r in learning if r.kind == "lcspr" and
                                                         not r.rapid_review_id),
            "national_reviews": len(learning) - lcspr, "recommendations": len(recommendations),
            "actions": len(actions), "action_updates": updates, "theme_tags": tags, "users": users,
            "audit_events": events}


def _demo_groups():
    from casereview.partnerships.demo import PARTNERSHIP
    from casereview.partnerships.models import Group

    return list(Group.objects.filter(partnership__name=PARTNERSHIP).order_by("pk"))


def _admin():
    from casereview.accounts.models import User
    from casereview.partnerships.demo import ADMIN_USERNAME

    return User.objects.get(username=ADMIN_USERNAME)


def _partnerships(how_many: int) -> list:
    """Fictional partnerships through the services, each with four agencies and a rapid review group."""
    from casereview.partnerships import services
    from casereview.partnerships.terms_services import terms_preset_load

    admin = _admin()
    groups = []
    for n in range(1, max(1, how_many) + 1):
        partnership = services.partnership_create(actor=admin, name=f"Benchmark Partnership {n:03d} (fictional)")
        for label, kind in AGENCY_KINDS:
            services.agency_create(actor=admin, partnership=partnership, name=f"Bench {n:03d} {label}", kind=kind)
        group = services.group_create(actor=admin, partnership=partnership, name="Rapid Review Group",
                                      kind="rapid_review_group")
        terms_preset_load(actor=admin, group=group, preset="kent-rapid-review-group", effective_from=date(2015, 1, 1),
                          change_note="Adopted for the benchmark.")
        groups.append(group)
    return groups


def _taxonomies() -> dict[int, dict[str, int]]:
    """Each partnership's theme taxonomy (version 1, the national themes) through the service: {partnership:
    {theme key: theme pk}}."""
    from casereview.learning.models import Theme
    from casereview.learning.theme_services import taxonomy_ensure
    from casereview.partnerships.models import Partnership

    admin = _admin()
    for partnership in Partnership.objects.order_by("pk"):
        taxonomy_ensure(partnership, admin)
    themes: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, partnership_id, key in Theme.objects.filter(retired_in__isnull=True).values_list(
            "pk", "partnership_id", "key"):
        themes[partnership_id][key] = pk
    return themes


class _Chain:
    """The audit chain, extended in bulk: each event hashed as the service would, written BATCH at a time.
    Open it inside the transaction that writes the records; close it to fill up with views and move the head."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from casereview.audit.models import ChainHead
        from casereview.partnerships.demo import USERS

        self.actors = list(get_user_model().objects.filter(username__in=[u[0] for u in USERS])
                           .values_list("pk", "username").order_by("pk"))
        head = ChainHead.objects.select_for_update().get(id=1)
        self.seq, self.prev, self.rows, self.n = head.seq, head.hash, [], 0
        self.written = (head.written_seq, head.written_hash)  # the latest event that changed a record

    def add(self, *, day: date, partnership_id: int, verb: str, target_type: str, target_id: int, label: str,
            changes: dict | None = None) -> None:
        from casereview.audit.chain import event_hash
        from casereview.audit.models import AuditEvent

        self.seq += 1
        actor_id, actor_label = self.actors[self.seq % len(self.actors)]
        fields = {
            "seq": self.seq, "occurred_at": datetime.combine(day, datetime.min.time(), tzinfo=UTC)
            + timedelta(seconds=self.seq % 86_400), "actor_id": actor_id, "actor_label": actor_label,
            "partnership_id": partnership_id, "verb": verb, "target_type": target_type, "target_id": str(target_id),
            "target_label": label[:300], "changes": changes or {}, "ip_address": None, "prev_hash": self.prev,
        }
        fields["hash"] = self.prev = event_hash(fields)
        if verb != "viewed":
            self.written = (self.seq, self.prev)
        self.rows.append(AuditEvent(**fields))
        if len(self.rows) == BATCH:
            self._flush()

    def _flush(self) -> None:
        from casereview.audit.models import AuditEvent

        AuditEvent.objects.bulk_create(self.rows)
        self.rows = []

    def close(self, total: int, reviews, rnd: random.Random) -> int:
        """Views of rapid reviews until the chain holds `total` events; then move the chain head."""
        from casereview.audit.models import ChainHead

        while self.seq < total:
            review = rnd.choice(reviews)
            self.add(day=review.notification.received_date, partnership_id=review.partnership_id, verb="viewed",
                     target_type="reviews.rapidreview", target_id=review.pk,
                     label=f"Rapid review of {review.notification.reference}")
        self._flush()
        ChainHead.objects.filter(id=1).update(seq=self.seq, hash=self.prev, written_seq=self.written[0],
                                              written_hash=self.written[1])
        return self.seq


@contextmanager
def _dated(*fields):
    """Let bulk_create write the historical dates given, instead of now, into auto_now_add fields."""
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


def _at(day: date, rnd: random.Random) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(seconds=rnd.randint(8 * 3600,
                                                                                                  17 * 3600))


def _people() -> dict[int, list[tuple[int, int]]]:
    """Two fictional people per benchmark agency (the demo has its own): {partnership: [(agency, person)]}."""
    from casereview.partnerships.models import Agency, Person

    staffed = set(Person.objects.values_list("agency_id", flat=True))
    Person.objects.bulk_create([
        Person(partnership_id=a.partnership_id, agency=a, full_name=f"{a.name} officer {k} (fictional)",
               job_title="Safeguarding lead", email=f"bench.officer.{a.pk}.{k}@example.test")
        for a in Agency.objects.order_by("pk") if a.pk not in staffed for k in range(1, PEOPLE_PER_AGENCY + 1)
    ], batch_size=BATCH)
    owners: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, agency_id, partnership_id in Person.objects.order_by("pk").values_list("pk", "agency_id",
                                                                                     "partnership_id"):
        owners[partnership_id].append((agency_id, pk))
    return owners


def _rules(group):
    """The group's terms versions, oldest first, each parsed once: [(effective_from, version, document)]."""
    from casereview.partnerships.terms_selectors import parsed

    return [(v.effective_from, v, parsed(v)) for v in group.terms_versions.order_by("effective_from", "version")]


def _rule_on(rules, on: date):
    in_force = [rule for rule in rules if rule[0] <= on]
    return in_force[-1] if in_force else None


def _two_themes(rnd: random.Random) -> list[str]:
    return rnd.sample(sorted(LEARNING), 2)


def _notifications_and_reviews(groups, how_many: int, rnd: random.Random, chain: _Chain) -> list:
    """Notifications spread over ten years and across the groups, each with its rapid review timed by the rules."""
    from casereview.domain.calendar import default_calendar
    from casereview.incidents.models import Child, Notification
    from casereview.reviews.models import RapidReview

    calendar, today = default_calendar(), date.today()
    rules = {g.pk: _rules(g) for g in groups}
    drafts = [_draft(groups[i % len(groups)], i, rules, rnd, today) for i in range(how_many)]
    notifications = Notification.objects.bulk_create([d[0] for d in drafts], batch_size=BATCH)
    Child.objects.bulk_create([_child(n, rnd) for n in notifications], batch_size=BATCH)
    reviews = [_review(n, version, definition, calendar, today, rnd)
               for n, (_, version, definition) in zip(notifications, drafts, strict=True)]
    reviews = RapidReview.objects.bulk_create(reviews, batch_size=BATCH)
    _review_history(reviews, {r.pk: d[2] for r, d in zip(reviews, drafts, strict=True)}, calendar)
    for review in reviews:
        chain.add(day=review.notification.received_date, partnership_id=review.partnership_id, verb="created",
                  target_type="reviews.rapidreview", target_id=review.pk,
                  label=f"Rapid review of {review.notification.reference}",
                  changes={"due_date": [None, review.due_date.isoformat()]})
    return reviews


def _draft(group, i: int, rules, rnd: random.Random, today: date):
    """An unsaved notification whose dates fall under one of the group's terms versions, with that rule."""
    from casereview.incidents.models import Notification

    earliest = max(today - timedelta(days=3650), rules[group.pk][0][0] + timedelta(days=7))
    received = earliest + timedelta(days=rnd.randint(0, (today - earliest).days))
    themes = _two_themes(rnd)
    notification = Notification(
        partnership_id=group.partnership_id, group=group, reference=f"BENCH-{i:06d}",
        local_authority="Fictional local authority", incident_date=received - timedelta(days=6),
        la_aware_date=received - timedelta(days=5), sin_submitted_date=received - timedelta(days=rnd.randint(0, 4)),
        received_date=received, nature=rnd.choice(["death", "serious_harm"]),
        harm_types=sorted({HARM_TYPES.get(t, "neglect") for t in themes}),
        summary="Fictional incident generated for the benchmark; no real person is described. "
                + " ".join(LEARNING[t][0] for t in themes),
    )
    _, _, document = _rule_on(rules[group.pk], received)
    started_on = getattr(notification, document.clock("rr").start_event.value)
    _, version, document = _rule_on(rules[group.pk], started_on) or _rule_on(rules[group.pk], received)
    return notification, version, document.clock("rr")


def _child(notification, rnd: random.Random):
    from casereview.incidents.models import Child

    return Child(partnership_id=notification.partnership_id, notification=notification, position=1,
                 pseudonym="Child A", age_years=rnd.randint(0, 17), sex=rnd.choice(["female", "male"]),
                 ethnicity="Not recorded (fictional)", legal_status=rnd.choice(["child_in_need", "none"]))


def _review(notification, version, definition, calendar, today: date, rnd: random.Random):
    """An unsaved rapid review: due date from the clock and calendar; older cases mostly finished."""
    from casereview.domain import clocks as domain_clocks
    from casereview.reviews.models import RapidReview

    started_on = getattr(notification, definition.start_event.value)
    due = domain_clocks.due_date(definition, started_on, calendar)
    status = rnd.choice(OPEN if due >= today else OPEN + FINISHED if due >= today - timedelta(days=60)
                        else AWAITING_PANEL if due >= today - timedelta(days=180) else DONE)
    return RapidReview(
        partnership_id=notification.partnership_id, notification=notification, group_id=notification.group_id,
        status=status, terms_version=version, clock_start_event=definition.start_event.value,
        clock_started_on=started_on, due_date=due, closed_on=due if status == "closed" else None,
        withdrawn_reason="Fictional: withdrawn for the benchmark." if status == "withdrawn" else "",
    )


def _review_history(reviews, definitions, calendar) -> None:
    """Each review's milestones (as the service sets them) and the steps of its timeline."""
    from casereview.domain.notifications import milestone_offsets
    from casereview.reviews.models import Milestone, StatusChange

    milestones, steps = [], []
    for review in reviews:
        for key, label, offset in milestone_offsets(definitions[review.pk].length):
            when = calendar.add_working_days(review.clock_started_on, offset)
            milestones.append(Milestone(rapid_review=review, key=key, label=label, due_date=when,
                                        default_due_date=when))
        steps.append(StatusChange(rapid_review=review, before="", after="notified"))
        if review.status != "notified":
            steps.append(StatusChange(rapid_review=review, before="notified", after=review.status,
                                      reason="Generated for the benchmark."))
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    StatusChange.objects.bulk_create(steps, batch_size=BATCH)


def _agency_requests(reviews, rnd: random.Random) -> int:
    """Requests to up to three of the partnership's agencies; finished cases have had their returns."""
    from casereview.partnerships.models import Agency
    from casereview.reviews.models import AgencyRequest

    agencies: dict[int, list[int]] = {}
    for agency_id, partnership_id in Agency.objects.values_list("pk", "partnership_id"):
        agencies.setdefault(partnership_id, []).append(agency_id)
    rows = []
    for review in reviews:
        chosen = rnd.sample(agencies[review.partnership_id], min(3, len(agencies[review.partnership_id])))
        status = rnd.choice(["returned", "nil_return"]) if review.status in FINISHED else rnd.choice(REQUEST_STATUSES)
        rows += [AgencyRequest(partnership_id=review.partnership_id, rapid_review=review, agency_id=agency_id,
                               due_date=review.due_date, status=status) for agency_id in chosen]
    return len(AgencyRequest.objects.bulk_create(rows, batch_size=BATCH))


def _decisions(reviews, lcsprs: int, rnd: random.Random, chain: _Chain) -> list:
    """A decision on every rapid review that has reached "decided" or beyond; `lcsprs` of them (at random, as
    many as there are) decide on a local child safeguarding practice review, the rest on other outcomes."""
    from casereview.reviews.criteria import CRITERIA
    from casereview.reviews.models import Decision

    today = date.today()
    decided = [r for r in reviews if r.status in DECIDED]
    chosen = set(rnd.sample(range(len(decided)), min(lcsprs, len(decided))))
    rows = []
    for i, review in enumerate(decided):
        themes = _two_themes(rnd)
        latest = min(today, review.due_date)
        decided_on = max(review.clock_started_on, latest - timedelta(days=rnd.randint(0, 5)))
        outcome = "lcspr" if i in chosen else rnd.choice(OTHER_OUTCOMES)
        rows.append(Decision(
            rapid_review=review, decided_on=decided_on, outcome=outcome,
            methodology=rnd.choice(METHODOLOGIES) if outcome == "lcspr" else "",
            immediate_actions="Fictional: safety plans reviewed for the siblings. " + LEARNING[themes[0]][1],
            learning_so_far=" ".join(LEARNING[t][0] for t in themes),
            identity_and_inequalities="Fictional: no identity factors were found to have affected the help given.",
            criteria={c.key: {"answer": rnd.choice(["yes", "no"]), "rationale": "Fictional rationale."}
                      for c in CRITERIA},
        ))
        rows[-1].bench_themes = themes
    rows = Decision.objects.bulk_create(rows, batch_size=BATCH)
    for decision in rows:
        review = decision.rapid_review
        chain.add(day=decision.decided_on, partnership_id=review.partnership_id, verb="created",
                  target_type="reviews.rapidreview", target_id=review.pk,
                  label=f"Rapid review of {review.notification.reference}",
                  changes={"decision_outcome": [None, decision.outcome],
                           "decided_on": [None, decision.decided_on.isoformat()]})
    return rows


def _submissions(decisions, rnd: random.Random, chain: _Chain) -> int:
    """The report sent to the Panel for each review submitted or beyond, around its due date (never before the
    decision or after today); the Panel's feedback where the review has had it. Without these, a closed review's
    clock would still be running today."""
    from casereview.reviews.models import Submission

    today = date.today()
    rows = []
    for decision in decisions:
        review = decision.rapid_review
        if review.status not in ("submitted", "feedback_received", "closed"):
            continue
        sent_on = min(today, max(decision.decided_on, review.due_date + timedelta(days=rnd.randint(-5, 3))))
        submission = Submission(rapid_review=review, sent_on=sent_on,
                                feedback_expected_on=sent_on + timedelta(days=42))
        if review.status != "submitted":
            submission.feedback_outcome = rnd.choice(["agrees", "agrees", "agrees", "more_information"])
            submission.feedback_received_on = min(today, sent_on + timedelta(days=rnd.randint(20, 60)))
            submission.feedback_summary = "Fictional: the Panel agreed with the rapid review's decision."
        rows.append(submission)
    rows = Submission.objects.bulk_create(rows, batch_size=BATCH)
    for submission in rows:
        review = submission.rapid_review
        chain.add(day=submission.sent_on, partnership_id=review.partnership_id, verb="sent",
                  target_type="reviews.rapidreview", target_id=review.pk,
                  label=f"Rapid review of {review.notification.reference}",
                  changes={"sent_on": [None, submission.sent_on.isoformat()]})
    return len(rows)


def _practice_reviews(decisions, how_many: int, rnd: random.Random, chain: _Chain) -> list:
    """An LCSPR for each decision that called for one, with its 6-month publication clock; older ones are
    published (or, with reasons, not), newer ones under way. If there are fewer such decisions than `how_many`,
    the rest are LCSPRs without a rapid review (recorded from before the system), dated over ten years."""
    from casereview.domain import clocks as domain_clocks
    from casereview.domain.calendar import default_calendar
    from casereview.domain.practice_reviews import PUBLICATION_CLOCK
    from casereview.learning.models import Review
    from casereview.partnerships.models import Group

    calendar, today = default_calendar(), date.today()
    subgroups = dict(Group.objects.filter(kind="subgroup").values_list("partnership_id", "pk"))
    sources = [d for d in decisions if d.outcome == "lcspr"]
    partnerships = sorted({g.partnership_id for g in Group.objects.all()})
    rows = []
    for n in range(how_many):
        decision = sources[n] if n < len(sources) else None
        if decision is not None:
            rr, themes, decided_on = decision.rapid_review, decision.bench_themes, decision.decided_on
            partnership_id, group_id = rr.partnership_id, subgroups.get(rr.partnership_id, rr.group_id)
        else:
            rr, themes, decided_on = None, _two_themes(rnd), today - timedelta(days=rnd.randint(30, 3650))
            partnership_id = partnerships[n % len(partnerships)]
            group_id = subgroups.get(partnership_id)
        planned = domain_clocks.due_date(PUBLICATION_CLOCK, decided_on, calendar)
        review = Review(
            partnership_id=partnership_id, kind="lcspr", title=f"Practice review of Child P{n + 1} (fictional)",
            reference=f"LCSPR-B{n + 1:05d}", group_id=group_id, rapid_review=rr, year=decided_on.year,
            summary=" ".join(LEARNING[t][0] for t in themes), decision_date=decided_on,
            scope="Fictional scope: the two years before the incident.", review_terms="Fictional terms.",
            methodology=rnd.choice(METHODOLOGIES), planned_publication_date=planned, pseudonyms=f"Child P{n + 1}",
            created_at=_at(min(today, decided_on + timedelta(days=rnd.randint(1, 20))), rnd),
        )
        _practice_status(review, today, rnd)
        review.bench_themes = themes
        rows.append(review)
    return _learning_create(rows, chain)


def _practice_status(review, today: date, rnd: random.Random) -> None:
    planned = review.planned_publication_date
    if planned < today - timedelta(days=20):
        if rnd.random() < 0.85:
            review.status = "published"
            review.published_on = min(today, planned + timedelta(days=rnd.randint(-20, 40)))
            review.advance_copy_sent_on = review.published_on - timedelta(days=10)
            review.publication_url = f"https://example.test/reviews/{review.reference.lower()}"
        else:
            review.status = "not_published"
            review.completed_on = min(today, planned + timedelta(days=rnd.randint(0, 30)))
            review.not_published_reasons = "Fictional: publication would identify the child's siblings."
    elif review.decision_date > today - timedelta(days=45):
        review.status = "commissioned"
    else:
        review.status = "quality_assured" if planned < today + timedelta(days=45) and rnd.random() < 0.5 \
            else "in_progress"


def _national_reviews(how_many: int, rnd: random.Random, chain: _Chain) -> list:
    """National reviews and Panel reports, recorded by each partnership in turn, published over ten years."""
    from casereview.learning.models import Review
    from casereview.partnerships.models import Partnership

    today = date.today()
    partnerships = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
    rows = []
    for n in range(how_many):
        themes, published = _two_themes(rnd), today - timedelta(days=rnd.randint(10, 3650))
        review = Review(
            partnership_id=partnerships[n % len(partnerships)], kind="national", status="completed",
            title=f"National review {n + 1}: {LEARNING[themes[0]][0][:-1].lower()} (fictional)",
            reference=f"NAT-B{n + 1:05d}", source_body="Child Safeguarding Practice Review Panel (fictional)",
            published_on=published, year=published.year, summary=" ".join(LEARNING[t][0] for t in themes),
            created_at=_at(min(today, published + timedelta(days=rnd.randint(1, 30))), rnd),
        )
        review.bench_themes = themes
        rows.append(review)
    return _learning_create(rows, chain)


def _learning_create(rows: list, chain: _Chain) -> list:
    from casereview.learning.models import Review

    with _dated(Review._meta.get_field("created_at")):
        saved = Review.objects.bulk_create(rows, batch_size=BATCH)
    for review in saved:
        chain.add(day=review.created_at.date(), partnership_id=review.partnership_id, verb="created",
                  target_type="learning.review", target_id=review.pk, label=review.title,
                  changes={"kind": [None, review.kind], "status": [None, review.status],
                           "title": [None, review.title]})
    return saved


def _review_details(reviews, rnd: random.Random) -> None:
    """Each LCSPR's reviewer and milestones (done when past, unless just commissioned); findings on every review."""
    from casereview.learning.models import Finding, Reviewer, ReviewMilestone

    today = date.today()
    reviewers, milestones, findings = [], [], []
    for review in reviews:
        texts = [LEARNING[t][0] for t in review.bench_themes]
        findings += [Finding(review=review, number=i, text=text) for i, text in enumerate(texts, start=1)]
        if review.kind != "lcspr":
            continue
        reviewers.append(Reviewer(review=review, name=f"Independent reviewer {review.pk} (fictional)",
                                  organisation="Fictional Reviews Ltd", independent=True,
                                  independence="Fictional: has never worked for the agencies involved."))
        for kind, offset in MILESTONES:
            planned = review.decision_date + timedelta(days=offset)
            done = review.status != "commissioned" and planned <= today - timedelta(days=5)
            milestones.append(ReviewMilestone(review=review, kind=kind, planned_on=planned,
                                              done_on=planned + timedelta(days=rnd.randint(0, 5)) if done else None))
    Reviewer.objects.bulk_create(reviewers, batch_size=BATCH)
    ReviewMilestone.objects.bulk_create(milestones, batch_size=BATCH)
    Finding.objects.bulk_create(findings, batch_size=BATCH)


def _source_day(review) -> date:
    return review.published_on or review.completed_on or review.decision_date + timedelta(days=150)


def _recommendations(reviews, how_many: int, rnd: random.Random, chain: _Chain) -> list:
    """Recommendations shared out over the reviews that have reached them (quality assured or finished LCSPRs,
    national reviews), numbered within each; older national ones assessed for local relevance."""
    from casereview.learning.models import Recommendation

    today = date.today()
    sources = [r for r in reviews if r.kind == "national" or r.status in ("quality_assured", "published",
                                                                          "not_published")] or reviews
    numbers: dict[int, int] = defaultdict(int)
    rows = []
    for n in range(how_many):
        review = sources[n % len(sources)]
        numbers[review.pk] += 1
        theme = review.bench_themes[numbers[review.pk] % 2]
        rec = Recommendation(partnership_id=review.partnership_id, review=review, number=numbers[review.pk],
                             text=f"{LEARNING[theme][1]} (Fictional recommendation {numbers[review.pk]}.)")
        if review.kind == "national" and review.published_on < today - timedelta(days=60):
            rec.local_relevance = rnd.choice(["relevant", "relevant", "partly", "not_relevant"])
            rec.local_response = "Fictional: the partnership's response to this recommendation."
            rec.assessed_on = min(today, review.published_on + timedelta(days=rnd.randint(20, 90)))
        rows.append(rec)
    rows = Recommendation.objects.bulk_create(rows, batch_size=BATCH)
    for rec in rows:
        chain.add(day=min(today, _source_day(rec.review)), partnership_id=rec.partnership_id, verb="created",
                  target_type="learning.recommendation", target_id=rec.pk, label=f"Recommendation {rec.number}",
                  changes={"review": [None, rec.review.title], "number": [None, rec.number]})
    return rows


def _actions(recommendations, owners, how_many: int, rnd: random.Random, chain: _Chain) -> list[tuple]:
    """Actions shared out over the recommendations that can have them (not national ones assessed as not
    relevant, or not yet assessed), each owned by an agency and led by one of its people; due dates spread so
    that past-due actions are mostly finished but some are overdue. Returns compact rows
    (pk, partnership, set on, last day worked on, status) for the updates."""
    from casereview.actions.models import Action

    today = date.today()
    sources = [r for r in recommendations if r.review.kind != "national" or r.local_relevance in ("relevant", "partly")]
    compact, rows = [], []
    for n in range(how_many if sources else 0):
        rec = sources[n % len(sources)]
        agency_id, owner_id = rnd.choice(owners[rec.partnership_id])
        set_on = min(today, _source_day(rec.review) + timedelta(days=rnd.randint(0, 30)))
        due = set_on + timedelta(days=rnd.randint(30, 400))
        status, rag = _action_status(due, today, rnd)
        finished_on = min(today, max(set_on, due - timedelta(days=rnd.randint(-30, 60)))) \
            if status in ("complete", "closed") else None
        closed_on = min(today, finished_on + timedelta(days=rnd.randint(0, 60))) if status == "closed" else None
        rows.append(Action(
            partnership_id=rec.partnership_id, recommendation=rec, agency_id=agency_id, owner_id=owner_id,
            title=f"Action {n + 1}: {rec.text[:120]}", description="Fictional action set for the benchmark.",
            set_on=set_on, due_date=due, status=status, rag=rag, completed_on=finished_on, closed_on=closed_on,
            sign_off_note="Fictional: signed off by the group." if closed_on else "",
        ))
        if len(rows) == BATCH or n == how_many - 1:
            for action in Action.objects.bulk_create(rows):
                compact.append((action.pk, action.partnership_id, action.set_on, action.completed_on or today,
                                action.status))
                chain.add(day=action.set_on, partnership_id=action.partnership_id, verb="created",
                          target_type="actions.action", target_id=action.pk, label=action.title,
                          changes={"title": [None, action.title], "due_date": [None, action.due_date.isoformat()],
                                   "recommendation": [None, action.recommendation_id]})
            rows = []
    return compact


def _action_status(due: date, today: date, rnd: random.Random) -> tuple[str, str]:
    if due < today:
        if rnd.random() < 0.7:
            return rnd.choice(["complete", "closed", "closed"]), "green"
        return rnd.choice(["not_started", "on_track", "at_risk", "at_risk"]), "red"  # overdue
    status = rnd.choice(["not_started", "on_track", "on_track", "on_track", "at_risk", "complete"])
    return status, {"not_started": "", "on_track": "green", "at_risk": "amber", "complete": "green"}[status]


def _action_updates(actions: list[tuple], how_many: int, rnd: random.Random, chain: _Chain) -> int:
    """Progress updates shared out over the actions, each written between the action being set and its
    completion (or today); some say what impact was seen. Each is audited as the service audits it."""
    from casereview.actions.models import ActionUpdate

    today = date.today()
    writers = [pk for pk, _ in chain.actors]
    made, rows = 0, []
    for n in range(how_many if actions else 0):
        pk, partnership_id, set_on, last_day, status = actions[n % len(actions)]
        day = min(today, set_on + timedelta(days=rnd.randint(0, max(0, (last_day - set_on).days))))
        impact = "Fictional: audits show the new practice in most cases." if rnd.random() < 0.3 else ""
        rows.append(ActionUpdate(action_id=pk, written_by_id=rnd.choice(writers), written_at=_at(day, rnd),
                                 progress="Fictional progress: training delivered and the procedure updated.",
                                 impact=impact))
        rows[-1].bench_partnership = partnership_id
        if len(rows) == BATCH or n == how_many - 1:
            with _dated(ActionUpdate._meta.get_field("written_at")):
                saved = ActionUpdate.objects.bulk_create(rows)
            for update, draft in zip(saved, rows, strict=True):
                chain.add(day=update.written_at.date(), partnership_id=draft.bench_partnership, verb="updated",
                          target_type="actions.action", target_id=update.action_id, label=f"Action {update.action_id}",
                          changes={"progress_update": [None, update.pk], "evidence_sha256": [None, []]})
            made += len(saved)
            rows = []
    return made


def _theme_tags(reviews, decisions, themes, rnd: random.Random) -> int:
    """Each review tagged with its two themes (source by kind, year of its learning); each decided rapid review
    with one or two of its decision's themes."""
    from casereview.learning.models import ThemeTag

    source = {"lcspr": "lcspr", "national": "national"}
    rows = []
    for review in reviews:
        for key in review.bench_themes:
            if key in themes[review.partnership_id]:
                rows.append(ThemeTag(partnership_id=review.partnership_id, theme_id=themes[review.partnership_id][key],
                                     review=review, source=source[review.kind], year=review.year))
    for decision in decisions:
        rr = decision.rapid_review
        for key in decision.bench_themes[:rnd.randint(1, 2)]:
            if key in themes[rr.partnership_id]:
                rows.append(ThemeTag(partnership_id=rr.partnership_id, theme_id=themes[rr.partnership_id][key],
                                     rapid_review=rr, source="rapid_review", year=decision.decided_on.year))
    return len(ThemeTag.objects.bulk_create(rows, batch_size=BATCH))


def _users(how_many: int, rnd: random.Random) -> int:
    """Fictional users, each with one role in one partnership; no usable password."""
    from django.contrib.auth.hashers import make_password

    from casereview.accounts.models import User
    from casereview.partnerships.models import Access, Partnership

    unusable, partnerships = make_password(None), list(Partnership.objects.values_list("pk", flat=True))
    users = User.objects.bulk_create([
        User(username=f"bench.user.{n:05d}", email=f"bench.user.{n:05d}@example.test", password=unusable)
        for n in range(1, how_many + 1)
    ], batch_size=BATCH)
    roles = ["member", "member", "member", "chair", "business_team", "scrutineer"]
    Access.objects.bulk_create([Access(user=u, partnership_id=rnd.choice(partnerships), role=rnd.choice(roles))
                                for u in users], batch_size=BATCH)
    return len(users)


if __name__ == "__main__":
    main()
