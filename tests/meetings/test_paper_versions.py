"""New versions of a meeting paper: checked like a first upload, current on the agenda, earlier versions kept
and downloadable under the same rules, sent only when the agenda is circulated again, audited throughout."""

import hashlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.audit.models import AuditEvent
from casereview.meetings.agenda_selectors import agenda_part, circulation_plan
from casereview.meetings.agenda_services import agenda_item_remove, paper_remove, paper_version_upload, papers_circulate
from casereview.meetings.dashboard_selectors import _upcoming
from casereview.meetings.interests_services import declaration_record
from casereview.meetings.models import AgendaItem, Paper, PaperCirculation
from casereview.reviews.uploads import MAX_BYTES
from tests.conftest import sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import (
    EXE_BYTES,
    PDF_BYTES,
    add_item,
    add_paper,
    invite,
    meeting_on,
    pdf,
    person,
)

pytestmark = pytest.mark.django_db
demo = support.demo
V2_BYTES = PDF_BYTES.replace(b"Catalog", b"Catalog /Version2")


@pytest.fixture
def meeting(demo):
    """A subgroup meeting with a restricted item on which Devon Okafor (the member's sign-in) declared a conflict,
    its paper circulated once as version 1, and an open item with a paper."""
    actor = demo["business"]
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    invite(meeting, "Ayla Brennan", "Devon Okafor", "Helena Strand")
    restricted = add_item(actor, meeting, "Rapid review SIN-2025-041", restricted=True)
    declaration_record(actor=actor, meeting=meeting, person=person("Devon Okafor"), item=restricted,
                       kind="professional", interest="Line manager of the officer involved (fictional).")
    v1 = add_paper(actor, restricted, "Case summary")
    open_paper = add_paper(actor, add_item(actor, meeting, "Learning briefing"), "Briefing note")
    papers_circulate(actor=actor, meeting=meeting)
    v1.refresh_from_db()
    return {"meeting": meeting, "v1": v1, "open": open_paper, "item": restricted}


def _url(paper) -> str:
    return f"/meetings/papers/{paper.pk}/versions/add/"


def _upload_v2(client, demo, paper, content=V2_BYTES, name="summary-v2.pdf"):
    return sign_in(client, demo["business"]).post(_url(paper), {"file": SimpleUploadedFile(name, content)})


def test_a_new_version_becomes_current_and_the_old_one_is_kept(client, demo, meeting):
    """v2 has its own file, hash and uploader, replaces v1, keeps the title and inherits the first circulation."""
    v1 = meeting["v1"]
    response = _upload_v2(client, demo, v1)
    assert response.status_code == 302
    v2 = Paper.objects.get(replaces=v1)
    assert (v2.version, v2.title, v2.item_id, v2.original_name) == (2, "Case summary", v1.item_id, "summary-v2.pdf")
    assert v2.sha256 == hashlib.sha256(V2_BYTES).hexdigest() and v2.sha256 != v1.sha256
    assert v2.first_circulated_on == v1.first_circulated_on is not None
    assert v1.file.storage.exists(v1.file.name) and v2.file.name != v1.file.name
    assert not PaperCirculation.objects.filter(paper=v2).exists()  # not circulated automatically


def test_the_new_version_is_audited_as_created_with_its_version(client, demo, meeting):
    _upload_v2(client, demo, meeting["v1"])
    v2 = Paper.objects.get(replaces=meeting["v1"])
    event = AuditEvent.objects.get(verb="created", target_type="meetings.paper", target_id=str(v2.pk))
    assert event.changes["version"] == [1, 2]
    assert event.changes["sha256"] == [meeting["v1"].sha256, v2.sha256]
    assert event.actor_id == demo["business"].pk


def test_the_agenda_shows_only_the_current_version_with_a_versions_list(client, demo, meeting):
    """One row for the paper, linking v2; the Versions list links both, says who had v1 and that v2 is unsent."""
    _upload_v2(client, demo, meeting["v1"])
    v2 = Paper.objects.get(replaces=meeting["v1"])
    part = agenda_part(meeting["meeting"], demo["business"], date(2026, 3, 1))
    rows = part["agenda_rows"][0].papers
    assert [row.paper.pk for row in rows] == [v2.pk]
    assert [v.paper.version for v in rows[0].versions] == [2, 1]
    assert {c.person.full_name for c in rows[0].versions[1].received} == {"Ayla Brennan", "Helena Strand"}
    assert dict((p.full_name, why) for p, why in rows[0].waiting)["Ayla Brennan"] == \
        "Has version 1; version 2 not sent yet"
    page = sign_in(client, demo["chair"]).get(f"/meetings/{meeting['meeting'].pk}/").content.decode()
    assert f"/meetings/papers/{v2.pk}/" in page and f"/meetings/papers/{meeting['v1'].pk}/" in page
    assert "Versions (2)" in page and "(current)" in page and v2.sha256[:12] in page
    assert page.count(">Case summary</a>") == 1


def test_earlier_versions_download_with_the_same_access_and_are_audited(client, demo, meeting):
    """The chair can download v1 and v2 (each download audited); Devon, conflicted on the restricted item,
    gets 404 for both; a contributor, who cannot read meetings, gets 404 too."""
    v1 = meeting["v1"]
    _upload_v2(client, demo, v1)
    v2 = Paper.objects.get(replaces=v1)
    sign_in(client, demo["chair"])
    for paper, content in ((v1, PDF_BYTES), (v2, V2_BYTES)):
        response = client.get(f"/meetings/papers/{paper.pk}/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == content
        assert AuditEvent.objects.filter(verb="downloaded", target_type="meetings.paper",
                                         target_id=str(paper.pk), actor_id=demo["chair"].pk).count() == 1
    for user in ("member", "contributor"):
        sign_in(client, demo[user])
        for paper in (v1, v2):
            assert client.get(f"/meetings/papers/{paper.pk}/").status_code == 404
    page = sign_in(client, demo["member"]).get(f"/meetings/{meeting['meeting'].pk}/").content.decode()
    assert f"/meetings/papers/{v1.pk}/" not in page and f"/meetings/papers/{v2.pk}/" not in page


def test_a_conflicted_manager_cannot_open_the_new_version_page(client, demo, meeting):
    """The upload page fetches the paper like a download does: someone withheld from it sees 404."""
    declaration_record(actor=demo["business"], meeting=meeting["meeting"], person=person("Ayla Brennan"),
                       item=meeting["item"], kind="personal", interest="Fictional.")
    ayla = person("Ayla Brennan")
    ayla.user = demo["business"]
    ayla.save()
    assert sign_in(client, demo["business"]).get(_url(meeting["v1"])).status_code == 404


@pytest.mark.parametrize(("file", "message"), [
    (None, "Choose the paper&#x27;s file"),
    (SimpleUploadedFile("invoice.pdf", EXE_BYTES),
     "invoice.pdf must be a PDF, Word document (.docx), Excel spreadsheet (.xlsx), PNG, JPEG or plain text file"),
    (SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * MAX_BYTES), "big.pdf must be 10MB or smaller"),
])
def test_a_bad_file_for_the_new_version_is_refused_beside_the_field(client, demo, meeting, file, message):
    """400, the GOV.UK error summary and the message by the field; no new version, no audit row."""
    before = AuditEvent.objects.count()
    response = sign_in(client, demo["business"]).post(_url(meeting["v1"]), {"file": file} if file else {})
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and "govuk-error-summary" in body and 'id="id_file_1_error"' in body
    assert not Paper.objects.filter(replaces=meeting["v1"]).exists()
    assert AuditEvent.objects.count() == before


def test_circulation_sends_the_new_version_and_records_it(demo, meeting, django_capture_on_commit_callbacks):
    """Circulating again sends v2 to those who had v1 (never to Devon); the audit names the version sent."""
    v2 = paper_version_upload(actor=demo["business"], paper=meeting["v1"], file=pdf(content=V2_BYTES))
    plan = circulation_plan(meeting["meeting"])
    assert {p.full_name: [x.pk for x in papers] for p, papers in plan.to_send.items()} == {
        "Ayla Brennan": [v2.pk], "Devon Okafor": [], "Helena Strand": [v2.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        papers_circulate(actor=demo["business"], meeting=meeting["meeting"])
    sent = PaperCirculation.objects.filter(paper__item=meeting["item"])
    assert sorted((c.person.full_name, c.paper.version) for c in sent) == [
        ("Ayla Brennan", 1), ("Ayla Brennan", 2), ("Helena Strand", 1), ("Helena Strand", 2)]
    event = AuditEvent.objects.filter(verb="sent", target_type="meetings.meeting").last()
    assert event.changes["papers"][1]["Ayla Brennan"] == ["Case summary (version 2)"]
    assert event.changes["withheld"][1] == {"Devon Okafor": ["Case summary (version 2)"]}


def test_the_papers_clock_judges_the_first_version(demo, meeting):
    """A revised paper does not reopen the papers clock: it stays met on the first version's date."""
    before = agenda_part(meeting["meeting"], demo["business"], date(2026, 3, 1))
    paper_version_upload(actor=demo["business"], paper=meeting["v1"], file=pdf(content=V2_BYTES))
    after = agenda_part(meeting["meeting"], demo["business"], date(2026, 3, 1))
    assert after["agenda_clock"].status == before["agenda_clock"].status
    assert after["agenda_clock"].tag == before["agenda_clock"].tag
    assert after["agenda_late_count"] == before["agenda_late_count"]
    upcoming = [r for r in _upcoming(meeting["meeting"].partnership, date(2026, 3, 1))
                if r["meeting"].pk == meeting["meeting"].pk]
    assert upcoming[0]["meeting"].waiting == 0


def test_only_the_latest_version_is_replaced_or_removed(demo, meeting):
    """v1 cannot be replaced twice or removed; an unsent v2 can be removed, making v1 current again."""
    actor = demo["business"]
    v2 = paper_version_upload(actor=actor, paper=meeting["v1"], file=pdf(content=V2_BYTES))
    with pytest.raises(ValidationError, match="already been replaced by version 2"):
        paper_version_upload(actor=actor, paper=meeting["v1"], file=pdf())
    with pytest.raises(ValidationError, match="a later version replaces it"):
        paper_remove(actor=actor, paper=meeting["v1"])
    paper_remove(actor=actor, paper=v2)
    rows = agenda_part(meeting["meeting"], actor, date(2026, 3, 1))["agenda_rows"][0].papers
    assert [row.paper.pk for row in rows] == [meeting["v1"].pk] and rows[0].versions == []


def test_an_item_with_uncirculated_versions_can_still_be_removed(demo):
    """Removing an item takes every version of its papers with it (the version link does not block it)."""
    actor = demo["business"]
    item = add_item(actor, meeting_on(demo["subgroup"], date(2026, 6, 9)), "Withdrawn item")
    v1 = add_paper(actor, item, "Draft")
    paper_version_upload(actor=actor, paper=v1, file=pdf(content=V2_BYTES))
    agenda_item_remove(actor=actor, item=item)
    assert not AgendaItem.objects.filter(pk=item.pk).exists() and not Paper.objects.exists()


def test_members_cannot_upload_a_new_version(client, demo, meeting):
    assert sign_in(client, demo["chair"]).post(_url(meeting["open"]), {}).status_code == 403


def test_the_api_lists_only_current_versions(client, demo, meeting):
    """The meetings API lists the current version of each paper, with its version number."""
    v2 = paper_version_upload(actor=demo["business"], paper=meeting["v1"], file=pdf(content=V2_BYTES))
    sign_in(client, demo["business"])
    expected = sorted([(meeting["open"].pk, 1), (v2.pk, 2)])
    items = client.get(f"/api/v1/meetings/{meeting['meeting'].pk}/").json()["agenda_items"]
    assert sorted((p["id"], p["version"]) for item in items for p in item["papers"]) == expected
    listed = client.get(f"/api/v1/agenda-items/?meeting={meeting['meeting'].pk}").json()["results"]
    assert sorted((p["id"], p["version"]) for item in listed for p in item["papers"]) == expected
