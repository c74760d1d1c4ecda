"""Circulating the agenda and papers: everyone invited gets what they have not had, a restricted item's papers
are withheld from anyone with a conflict on it, each send is recorded, and downloads respect the same rule."""

import html
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casereview.audit.models import AuditEvent
from casereview.meetings.agenda_selectors import agenda_part
from casereview.meetings.agenda_services import papers_circulate
from casereview.meetings.interests_selectors import declarations_part
from casereview.meetings.interests_services import declaration_record
from casereview.meetings.models import Invitation, PaperCirculation
from tests.conftest import sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import add_item, add_paper, invite, meeting_on, person

pytestmark = pytest.mark.django_db
demo = support.demo


@pytest.fixture
def meeting(demo):
    """A subgroup meeting with an open item and a restricted item on which Devon Okafor declared a conflict."""
    actor = demo["business"]
    meeting = meeting_on(demo["subgroup"], date(2026, 1, 6))
    invite(meeting, "Ayla Brennan", "Devon Okafor", "Helena Strand")
    open_item = add_item(actor, meeting, "Learning briefing")
    restricted = add_item(actor, meeting, "Rapid review SIN-2025-041", restricted=True, needs_decision=True)
    declaration_record(actor=actor, meeting=meeting, person=person("Devon Okafor"), item=restricted,
                       kind="professional", interest="Line manager of the officer involved (fictional).")
    return {"meeting": meeting, "open": add_paper(actor, open_item, "Briefing note"),
            "restricted": add_paper(actor, restricted, "Case summary"), "restricted_item": restricted}


def _sent(paper) -> set[str]:
    return set(PaperCirculation.objects.filter(paper=paper).values_list("person__full_name", flat=True))


def test_circulation_withholds_restricted_papers_from_the_conflicted_member(demo, meeting,
                                                                            django_capture_on_commit_callbacks):
    """Everyone invited gets the open paper; the restricted paper goes to all but Devon, who declared a conflict."""
    with django_capture_on_commit_callbacks(execute=True):
        papers_circulate(actor=demo["business"], meeting=meeting["meeting"])
    assert _sent(meeting["open"]) == {"Ayla Brennan", "Devon Okafor", "Helena Strand"}
    assert _sent(meeting["restricted"]) == {"Ayla Brennan", "Helena Strand"}
    row = PaperCirculation.objects.filter(paper=meeting["open"]).first()
    assert row.sent_by == demo["business"] and row.sent_at is not None
    meeting["open"].refresh_from_db()
    assert meeting["open"].first_circulated_on is not None


def test_circulation_is_audited_with_who_was_withheld(demo, meeting, django_capture_on_commit_callbacks):
    """The audit event names who got which paper and who was withheld from which."""
    papers_circulate(actor=demo["business"], meeting=meeting["meeting"])
    event = AuditEvent.objects.filter(verb="sent", target_type="meetings.meeting").last()
    assert event.changes["withheld"][1] == {"Devon Okafor": ["Case summary"]}
    assert sorted(event.changes["papers"][1]["Ayla Brennan"]) == ["Briefing note", "Case summary"]


def test_each_recipient_gets_a_link_and_no_paper(demo, meeting, smtp_inbox, django_capture_on_commit_callbacks):
    """One e-mail each, with a link to the meeting page, no attachment, no paper or item titles."""
    with django_capture_on_commit_callbacks(execute=True):
        papers_circulate(actor=demo["business"], meeting=meeting["meeting"])
    assert sorted(m["To"] for m in smtp_inbox.messages) == [
        "ayla@northmoor.example", "helena@northmoor.example", "member@northmoor.example"]
    for message in smtp_inbox.messages:
        assert not message.is_multipart()
        body = message.get_payload(decode=True).decode()
        assert f"/meetings/{meeting['meeting'].pk}/" in body
        assert "SIN-2025-041" not in body and "Case summary" not in body and "Briefing note" not in body
    devon = next(m for m in smtp_inbox.messages if m["To"] == "member@northmoor.example")
    assert "declared a conflict of interest" in devon.get_payload(decode=True).decode()


def test_a_second_circulation_sends_only_what_is_new(demo, meeting, django_capture_on_commit_callbacks):
    """A paper added later, and a person invited later, get only what they have not had."""
    actor = demo["business"]
    papers_circulate(actor=actor, meeting=meeting["meeting"])
    later = add_paper(actor, meeting["restricted_item"], "Addendum")
    invite(meeting["meeting"], "Dr Farid Castellanos")
    sent = papers_circulate(actor=actor, meeting=meeting["meeting"])
    assert {p.full_name: sorted(x.title for x in papers) for p, papers in sent.items()} == {
        "Ayla Brennan": ["Addendum"], "Helena Strand": ["Addendum"],
        "Dr Farid Castellanos": ["Addendum", "Briefing note", "Case summary"]}
    assert "Devon Okafor" not in _sent(later)
    with pytest.raises(ValidationError, match="nothing new to send"):
        papers_circulate(actor=actor, meeting=meeting["meeting"])


def test_withdrawn_invitations_get_nothing(demo, meeting, django_capture_on_commit_callbacks):
    """Someone whose invitation was withdrawn is not sent the papers."""
    Invitation.objects.filter(meeting=meeting["meeting"], person__full_name="Helena Strand").update(withdrawn=True)
    papers_circulate(actor=demo["business"], meeting=meeting["meeting"])
    assert "Helena Strand" not in _sent(meeting["open"])


def test_circulating_with_nobody_invited_is_refused(demo):
    """With no one invited there is nobody to send to, and the business team is told so."""
    meeting = meeting_on(demo["subgroup"], date(2026, 1, 6))
    add_item(demo["business"], meeting)
    with pytest.raises(ValidationError, match="Nobody is invited yet"):
        papers_circulate(actor=demo["business"], meeting=meeting)


def test_only_the_business_team_circulates(client, demo, meeting):
    """A member cannot circulate; the business team can, through the confirmation page."""
    url = f"/meetings/{meeting['meeting'].pk}/circulate/"
    assert sign_in(client, demo["member"]).post(url).status_code == 403
    sign_in(client, demo["business"])
    page = client.get(url).content.decode()
    assert "Devon Okafor: 1 new paper; withheld (conflict declared): Case summary" in page
    assert client.post(url).status_code == 302
    assert _sent(meeting["open"]) == {"Ayla Brennan", "Devon Okafor", "Helena Strand"}


def test_the_page_shows_who_received_each_paper_and_who_was_withheld(client, demo, meeting,
                                                                     django_capture_on_commit_callbacks):
    """Per paper: who has it and when, and who was withheld and why; the item says who takes no part."""
    papers_circulate(actor=demo["business"], meeting=meeting["meeting"])
    page = html.unescape(sign_in(client, demo["business"]).get(f"/meetings/{meeting['meeting'].pk}/")
                         .content.decode())
    assert "Sent to 2 people" in page and "Sent to 3 people" in page
    assert "Withheld from Devon Okafor: declared a conflict on this item" in page
    assert "Papers withheld from Devon Okafor; Devon Okafor takes no part in the decision" in page


def test_download_is_refused_to_the_conflicted_member(client, demo, meeting):
    """Devon's sign-in gets 404 for the restricted paper, and the meeting page shows it withheld from him."""
    sign_in(client, demo["member"])
    assert client.get(f"/meetings/papers/{meeting['restricted'].pk}/").status_code == 404
    assert not AuditEvent.objects.filter(verb="downloaded", target_id=str(meeting["restricted"].pk)).exists()
    part = agenda_part(meeting["meeting"], demo["member"], date(2025, 12, 1))
    hidden = {p.paper.title: p.hidden_from_viewer for row in part["agenda_rows"] for p in row.papers}
    assert hidden == {"Briefing note": False, "Case summary": True}


def test_download_is_logged_for_others(client, demo, meeting):
    """The chair downloads the restricted paper as an attachment with safe headers; the read is audited."""
    response = sign_in(client, demo["chair"]).get(f"/meetings/papers/{meeting['restricted'].pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(verb="downloaded", target_id=str(meeting["restricted"].pk))
    assert event.actor_id == demo["chair"].pk and event.target_type == "meetings.paper"


def test_the_conflicted_member_can_still_download_open_papers(client, demo, meeting):
    """A conflict withholds only that item's papers."""
    assert sign_in(client, demo["member"]).get(f"/meetings/papers/{meeting['open'].pk}/").status_code == 200


def test_agency_contributors_cannot_download(client, demo, meeting):
    """An agency contributor does not read meetings, so every paper is a 404 for them."""
    assert sign_in(client, demo["contributor"]).get(f"/meetings/papers/{meeting['open'].pk}/").status_code == 404


def test_a_conflict_declared_after_papers_went_out_is_flagged(demo, meeting, django_capture_on_commit_callbacks):
    """Helena already had the restricted papers when she declared a conflict: the page warns."""
    actor = demo["business"]
    papers_circulate(actor=actor, meeting=meeting["meeting"])
    declaration_record(actor=actor, meeting=meeting["meeting"], person=person("Helena Strand"),
                       item=meeting["restricted_item"], kind="personal", interest="Related to a carer (fictional).")
    warnings = declarations_part(meeting["meeting"], actor, date(2026, 1, 2))["declarations_warnings"]
    assert len(warnings) == 1
    assert warnings[0].startswith("Helena Strand declared a conflict on item 2 (Rapid review SIN-2025-041) after its "
                                  "papers were sent to them on ")
