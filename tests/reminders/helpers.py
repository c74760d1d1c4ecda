"""The demo partnership with one deadline of each clock, made through the services where they exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from casereview.accounts.models import User
from casereview.domain.clocks import due_date
from casereview.incidents.services import notification_record
from casereview.learning.models import Review, ReviewMilestone
from casereview.learning.review_clocks import advance_copy_due, publication_due
from casereview.meetings.agenda_selectors import papers_rule
from casereview.meetings.minutes_selectors import minutes_clock_state
from casereview.meetings.models import AgendaItem, Meeting, Minutes
from casereview.meetings.models.meeting import meeting_day
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Group, Partnership, Person
from casereview.partnerships.terms_selectors import review_clock
from casereview.reviews.models import Submission
from casereview.reviews.requests_services import agency_requests_send

LONDON = ZoneInfo("Europe/London")
CHILD_NAME = "Maisie Quillfeather"  # fictional; kept only in the restricted identity register
PSEUDONYM = "Child Q"
BUSINESS = "business.manager@northmoor.example"


@dataclass
class Case:
    """One deadline of one clock: the record, its due date, who must be told, and how to mark it done."""

    clock: str
    target: object
    due: date
    expected: set[str]
    finish: object

    @property
    def key(self) -> str:
        return f"{self.target._meta.label_lower}:{self.target.pk}"


class World:
    def __init__(self):
        load_demo()
        self.partnership = Partnership.objects.get()
        self.admin = User.objects.get(username="sysadmin")
        self.subgroup = Group.objects.get(name="Case Review Subgroup")
        self.police = Agency.objects.get(kind=AgencyKind.POLICE)
        self.today = timezone.localdate()
        self._reviews = 0

    def user(self, username: str) -> User:
        return User.objects.get(username=username)

    def rapid_review(self):
        self._reviews += 1
        received = self.today - timedelta(days=2)
        record = notification_record(actor=self.admin, group=self.subgroup, notification={
            "reference": f"SIN-TEST-{self._reviews}", "local_authority": "Northmoor Council",
            "incident_date": received - timedelta(days=4), "la_aware_date": received - timedelta(days=3),
            "sin_submitted_date": received - timedelta(days=1), "received_date": received,
            "nature": "serious_harm", "harm_types": ["neglect"],
            "summary": f"A fictional incident concerning {PSEUDONYM} ({CHILD_NAME}).",
        }, children=[{"pseudonym": PSEUDONYM, "age_years": 3, "sex": "female", "ethnicity": "Mixed",
                      "legal_status": "child_in_need", "in_main_list": True,
                      "identity": {"full_name": CHILD_NAME}}])
        return record.rapid_review

    def meeting(self, day: date, status: str = "scheduled") -> Meeting:
        return Meeting.objects.create(partnership=self.partnership, group=self.subgroup, kind="business",
                                      starts_at=datetime.combine(day, time(10), tzinfo=LONDON), mode="virtual",
                                      status=status)

    # -- one case per clock ---------------------------------------------------------------------------
    def case(self, clock: str) -> Case:
        return getattr(self, f"_{clock}")()

    def _rapid_review(self):
        rr = self.rapid_review()
        return Case("rapid_review", rr, rr.due_date, {BUSINESS},
                    lambda: type(rr).objects.filter(pk=rr.pk).update(status="submitted"))

    def _rapid_review_milestone(self):
        m = self.rapid_review().milestones.order_by("due_date").first()
        return Case("rapid_review_milestone", m, m.due_date, {BUSINESS},
                    lambda: type(m).objects.filter(pk=m.pk).update(done_on=self.today))

    def _agency_return(self):
        [request] = agency_requests_send(actor=self.admin, review=self.rapid_review(), agencies=[self.police])
        return Case("agency_return", request, request.due_date, {BUSINESS, "contributor@northmoor.example"},
                    lambda: type(request).objects.filter(pk=request.pk).update(status="returned"))

    def _panel_feedback(self):
        rr = self.rapid_review()
        type(rr).objects.filter(pk=rr.pk).update(status="submitted")
        s = Submission.objects.create(rapid_review=rr, sent_on=self.today,
                                      feedback_expected_on=self.today + timedelta(days=30))
        return Case("panel_feedback", s, s.feedback_expected_on, {BUSINESS},
                    lambda: Submission.objects.filter(pk=s.pk).update(feedback_received_on=self.today))

    def _practice_milestone(self):
        review = Review.objects.create(partnership=self.partnership, kind="lcspr", status="in_progress",
                                       title=f"Practice review: {PSEUDONYM} (fictional)", reference="LCSPR-TEST-1")
        m = ReviewMilestone.objects.create(review=review, kind="first_draft",
                                           planned_on=self.today + timedelta(days=40))
        return Case("practice_milestone", m, m.planned_on, {BUSINESS},
                    lambda: ReviewMilestone.objects.filter(pk=m.pk).update(done_on=self.today))

    def _practice_review(self, n: int, **fields) -> Review:
        return Review.objects.create(partnership=self.partnership, kind="lcspr", status="in_progress",
                                     title=f"Practice review: {PSEUDONYM} (fictional)",
                                     reference=f"LCSPR-TEST-P{n}", **fields)

    def _practice_publication(self):
        self._reviews += 1
        review = self._practice_review(self._reviews, decision_date=self.today - timedelta(days=150))
        due = publication_due(review.decision_date, partnership_calendar(self.partnership))
        return Case("practice_publication", review, due, {BUSINESS},
                    lambda: Review.objects.filter(pk=review.pk).update(status="published", published_on=self.today))

    def _practice_advance_copy(self):
        self._reviews += 1
        review = self._practice_review(self._reviews, planned_publication_date=self.today + timedelta(days=40),
                                       advance_working_days=7)
        due = advance_copy_due(review.planned_publication_date, 7, partnership_calendar(self.partnership))
        return Case("practice_advance_copy", review, due, {BUSINESS},
                    lambda: Review.objects.filter(pk=review.pk).update(advance_copy_sent_on=self.today))

    def _papers(self):
        meeting = self.meeting(self.today + timedelta(days=60))
        AgendaItem.objects.create(meeting=meeting, number=1, title="Learning from the practice review",
                                  owner=Person.objects.get(full_name="Ayla Brennan"))
        rule = papers_rule(meeting)  # the meeting page's own rule, so both agree on the date
        due = due_date(rule[0], meeting_day(meeting), rule[1])
        return Case("papers", meeting, due, {BUSINESS, "ayla@northmoor.example"},
                    lambda: Meeting.objects.filter(pk=meeting.pk).update(agenda_circulated_at=timezone.now()))

    def _minutes(self):
        meeting = self.meeting(self.today - timedelta(days=2), status="held")
        due = minutes_clock_state(meeting, self.today, None)["due"]
        return Case("minutes", meeting, due, {BUSINESS},
                    lambda: Minutes.objects.create(meeting=meeting, status="distributed",
                                                   distributed_at=timezone.now()))

    def _terms_review(self):
        clock = review_clock(self.subgroup, self.today, partnership_calendar(self.partnership))
        return Case("terms_review", self.subgroup, clock.state.due, {BUSINESS, "ayla@northmoor.example",
                                                                     "helena@northmoor.example"},
                    lambda: self._record_terms_review(clock.state.due))

    def _record_terms_review(self, due: date):
        from casereview.partnerships.models import TermsVersion
        from casereview.partnerships.terms_services import terms_version_create

        latest = TermsVersion.objects.filter(group=self.subgroup).order_by("-version").first()
        reviewed = due - timedelta(days=20)
        terms_version_create(actor=self.admin, group=self.subgroup,
                             document={**latest.document, "last_reviewed_on": reviewed.isoformat()},
                             effective_from=reviewed, change_note="Annual review (test).")


CLOCKS = ["rapid_review", "rapid_review_milestone", "agency_return", "panel_feedback", "practice_milestone",
          "practice_publication", "practice_advance_copy", "papers", "minutes", "terms_review"]


@pytest.fixture
def world(db) -> World:
    return World()
