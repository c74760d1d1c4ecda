"""Fill a separate SQLite database with fictional benchmark data at a scale (1.0 = ten times England's ten years).

Usage: DATABASE_URL=sqlite:///.../bench/bench-0.01.sqlite3 python bench/generate.py --scale 0.01
(the database must be freshly migrated; `make bench` does this). Every name and case here is invented.

Partnerships, agencies, groups and terms go through the services (131 at most: fast enough). The bulk
records (notifications, reviews, requests, users) use bulk_create, and their audit events are written in
bulk too, hashed in one pass with the same `event_hash` the service uses, so `manage.py audit_verify` passes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import counts, start_django  # noqa: E402

AGENCY_KINDS = [("Children's Services", "la_childrens_services"), ("Constabulary", "police"),
                ("Integrated Care Board", "health_icb"), ("Education Service", "education")]
OPEN = ["notified", "gathering", "pack_circulated", "meeting_held", "decided"]
FINISHED = ["signed_off", "submitted", "feedback_received", "closed", "closed", "closed", "withdrawn"]
REQUEST_STATUSES = ["requested", "reminded", "returned", "returned", "nil_return"]
BATCH = 5_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    args = parser.parse_args()
    start_django(args.scale)
    began = time.perf_counter()
    sizes = generate(args.scale)
    print(f"scale {args.scale:g}: {sizes} in {time.perf_counter() - began:.1f} s")


def generate(scale: float) -> dict[str, int]:
    from casereview.partnerships.demo import load_demo

    if not load_demo():
        sys.exit("The bench database already has data: delete it and migrate again (make bench does).")
    want = counts(scale)
    rnd = random.Random(8)
    groups = [*_demo_groups(), *_partnerships(want["partnerships"] - 1)]
    reviews = _notifications_and_reviews(groups, want["notifications"], rnd)
    requests = _agency_requests(reviews, rnd)
    users = _users(want["users"], rnd)
    events = _audit_events(reviews, want["audit_events"], rnd)
    return {"partnerships": len({g.partnership_id for g in groups}), "reviews": len(reviews),
            "agency_requests": requests, "users": users, "audit_events": events}


def _demo_groups():
    from casereview.partnerships.demo import PARTNERSHIP
    from casereview.partnerships.models import Group

    return list(Group.objects.filter(partnership__name=PARTNERSHIP).order_by("pk"))


def _partnerships(how_many: int) -> list:
    """Fictional partnerships through the services, each with four agencies and a rapid review group."""
    from casereview.accounts.models import User
    from casereview.partnerships import services
    from casereview.partnerships.demo import ADMIN_USERNAME
    from casereview.partnerships.terms_services import terms_preset_load

    admin = User.objects.get(username=ADMIN_USERNAME)
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


def _rules(group):
    """The group's terms versions, oldest first, each parsed once: [(effective_from, version, document)]."""
    from casereview.partnerships.terms_selectors import parsed

    return [(v.effective_from, v, parsed(v)) for v in group.terms_versions.order_by("effective_from", "version")]


def _rule_on(rules, on: date):
    in_force = [rule for rule in rules if rule[0] <= on]
    return in_force[-1] if in_force else None


def _notifications_and_reviews(groups, how_many: int, rnd: random.Random) -> list:
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
    return reviews


def _draft(group, i: int, rules, rnd: random.Random, today: date):
    """An unsaved notification whose dates fall under one of the group's terms versions, with that rule."""
    from casereview.incidents.models import Notification

    earliest = max(today - timedelta(days=3650), rules[group.pk][0][0] + timedelta(days=7))
    received = earliest + timedelta(days=rnd.randint(0, (today - earliest).days))
    notification = Notification(
        partnership_id=group.partnership_id, group=group, reference=f"BENCH-{i:06d}",
        local_authority="Fictional local authority", incident_date=received - timedelta(days=6),
        la_aware_date=received - timedelta(days=5), sin_submitted_date=received - timedelta(days=rnd.randint(0, 4)),
        received_date=received, nature=rnd.choice(["death", "serious_harm"]), harm_types=["neglect"],
        summary="Fictional incident generated for the benchmark; no real person is described.",
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
    status = rnd.choice(FINISHED if due < today - timedelta(days=60) else OPEN if due >= today else OPEN + FINISHED)
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


def _audit_events(reviews, total: int, rnd: random.Random) -> int:
    """Bring the chain up to `total` events: one "created" per review, the rest views; hashed in one pass."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from casereview.audit.chain import event_hash
    from casereview.audit.models import AuditEvent, ChainHead
    from casereview.partnerships.demo import USERS

    actors = list(get_user_model().objects.filter(username__in=[u[0] for u in USERS]).values_list("pk", "username"))
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().get(id=1)
        seq, prev, rows = head.seq, head.hash, []
        wanted = max(len(reviews), total - seq)
        for n in range(wanted):
            review = reviews[n] if n < len(reviews) else rnd.choice(reviews)
            actor_id, actor_label = rnd.choice(actors)
            seq += 1
            fields = _event_fields(seq, prev, review, created=n < len(reviews), actor=(actor_id, actor_label))
            fields["hash"] = prev = event_hash(fields)
            rows.append(AuditEvent(**fields))
            if len(rows) == BATCH:
                AuditEvent.objects.bulk_create(rows)
                rows = []
        AuditEvent.objects.bulk_create(rows)
        ChainHead.objects.filter(id=1).update(seq=seq, hash=prev)
    return seq


def _event_fields(seq: int, prev: str, review, *, created: bool, actor) -> dict:
    when = datetime.combine(review.notification.received_date, datetime.min.time(), tzinfo=UTC)
    return {
        "seq": seq, "occurred_at": when + timedelta(seconds=seq % 86_400), "actor_id": actor[0],
        "actor_label": actor[1], "partnership_id": review.partnership_id, "verb": "created" if created else "viewed",
        "target_type": "reviews.rapidreview", "target_id": str(review.pk),
        "target_label": f"Rapid review of {review.notification.reference}",
        "changes": {"due_date": [None, review.due_date.isoformat()]} if created else {}, "ip_address": None,
        "prev_hash": prev,
    }


if __name__ == "__main__":
    main()
