"""In a real browser: the whole rapid review, notification to close, for each seed group over Christmas.

Kent rules start the clock when the partnership receives the notification (Saturday 20 December 2025);
Kingston & Richmond rules start it on the day it was sent to the Panel (Thursday 18 December 2025).
25 and 26 December and 1 January are bank holidays, so each clock runs well into January.
"""

import re
import time
from datetime import date

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from casereview.domain.clocks import format_date
from casereview.partnerships.demo import load_demo

from . import journey_steps as steps
from .test_sign_in_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KENT = steps.Scenario(
    group="Rapid Review Group", reference="SIN-2025-051", clock_start=steps.RECEIVED, clock_event="received",
    seats={"Imogen Tate": "Present", "Marcus Achterberg": "Devon Okafor", "Rowan Fairweather": "Present",
           "Dr Farid Castellanos": "Present", "Bea Kowalczyk": "Present", "Saoirse Delacroix": "Sent apologies"},
    outcome="Local child safeguarding practice review", methodology="SILP (Significant Incident Learning Process)",
    panel_clock=True, screenshots=True,
)
KINGSTON_RICHMOND = steps.Scenario(
    group="Case Review Subgroup", reference="SIN-2025-052", clock_start=steps.SENT_TO_PANEL,
    clock_event="sent to the Panel",
    seats={"Ayla Brennan": "Present", "Devon Okafor": "Present", "Helena Strand": "Kit Wynne-Jones",
           "Dr Farid Castellanos": "Present", "Grace Muldoon": "Sent apologies", "Oluwaseun Harte": "Absent"},
    outcome="Learning event",
)
# The dates a person would work out by hand with a calendar; the test checks the calendar agrees.
BY_HAND = {KENT.group: {15: date(2026, 1, 14), 10: date(2026, 1, 7)},
           KINGSTON_RICHMOND.group: {15: date(2026, 1, 13), 10: date(2026, 1, 6)}}


@pytest.fixture
def media(settings, tmp_path):
    """Attachments go to a temporary folder, never the project's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("sc", [KENT, KINGSTON_RICHMOND], ids=["kent-rules", "kingston-richmond-rules"])
def test_rapid_review_from_notification_to_close(live_server, page, media, sc):
    """Record, ask, return, circulate, meet, decide, sign off, submit, feedback, close: due dates as the rules say."""
    load_demo()
    due, returns_due = sc.working_day(15), sc.working_day(10)
    assert (due, returns_due) == (BY_HAND[sc.group][15], BY_HAND[sc.group][10])
    timeline = ["Notified"]

    _sign_in_with_fresh_code(page, live_server.url, "business.manager")
    steps.record_notification(page, sc)
    steps.expect_clock(page, sc, due)
    steps.ask_agencies(page, sc, returns_due)
    _advance(page, timeline, "Gathering information")
    steps.sign_out(page)

    _sign_in_with_fresh_code(page, live_server.url, "contributor")
    steps.police_return(page, sc)
    steps.sign_out(page)

    _sign_in_with_fresh_code(page, live_server.url, "business.manager")
    steps.open_review_from_dashboard(page, sc)
    steps.local_authority_nil_return(page)
    _decide(page, sc, timeline)
    _report_and_close(page, sc, timeline, due)


def _advance(page, timeline: list[str], status: str) -> None:
    """The review page now shows `status`, with every step so far in its timeline."""
    timeline.append(status)
    steps.expect_review(page, timeline)


def _decide(page, sc, timeline):
    """Pack, meeting, decision and the three partners' sign-off, each moving the review on a status."""
    steps.circulate_pack(page)
    _advance(page, timeline, "Pack circulated")
    steps.record_meeting(page, sc)
    _advance(page, timeline, "Meeting held")
    steps.record_decision(page, sc)
    _advance(page, timeline, "Decided")
    steps.record_sign_offs(page)
    _advance(page, timeline, "Signed off")


def _report_and_close(page, sc, timeline, due):
    """Submission to the Panel, its feedback, sharing it and closing the review."""
    steps.record_submission(page, sc, due)
    _advance(page, timeline, "Submitted to the Panel")
    steps.record_feedback(page)
    _advance(page, timeline, "Panel feedback received")
    steps.share_and_close(page, sc, timezone.localdate())
    _advance(page, timeline, "Closed")
    assert format_date(due) in page.locator(".casereview-clock-panel").inner_text()
    _expect_clock_event(page, sc)


def _sign_in_with_fresh_code(page, base: str, username: str) -> None:
    """Sign in; a code already used is refused (replay protection), so wait for the next one as a person would."""
    device = TOTPDevice.objects.get(user__username=username)
    while TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t() <= device.last_t:
        time.sleep(0.5)
    _sign_in(page, base, username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")


def _expect_clock_event(page, sc) -> None:
    """The review page says in words which event started the clock (checked last, so the journey runs first)."""
    started = rf"Clock started {format_date(sc.clock_start)} \([^)]*{re.escape(sc.clock_event)}[^)]*\)"
    expect(page.get_by_text(re.compile(started))).to_be_visible()
