"""The learning API: reviews with findings and links, review links, recommendations, actions with overdue and
RAG, action updates with evidence metadata, and themes; scoped like the pages (an agency contributor sees only
their agency's actions and updates, nothing else; another partnership gets 404s); audited; in the schema."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from casereview.accounts.models import User
from casereview.actions.models import Action, ActionEvidence, ActionUpdate
from casereview.audit.models import AuditEvent
from casereview.learning.models import Finding, Recommendation, Review, ReviewLink, TaxonomyVersion, Theme
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Person
from tests.conftest import AgencyFactory, PartnershipFactory, PersonFactory, sign_in, user_with_role

pytestmark = pytest.mark.django_db
PATHS = ("learning-reviews", "review-links", "recommendations", "actions", "action-updates", "themes")


def _action(partnership, person, title, rec, due, **extra):
    return Action.objects.create(partnership=partnership, title=title, owner=person, agency=person.agency,
                                 due_date=due, set_on=date(2026, 1, 5), recommendation=rec, **extra)


@pytest.fixture
def data(db, settings, tmp_path):
    """An LCSPR linked to a national review, a recommendation with a police action (with an update and evidence)
    and an LA action, and a theme."""
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    devon, ayla = Person.objects.get(full_name="Devon Okafor"), Person.objects.get(full_name="Ayla Brennan")
    partnership = devon.partnership
    lcspr = Review.objects.create(partnership=partnership, kind="lcspr", title="Practice review: Child K (fictional)",
                                  status="in_progress", decision_date=date(2026, 1, 5))
    national = Review.objects.create(partnership=partnership, kind="national", title="Panel report (fictional)",
                                     status="completed", published_on=date(2025, 6, 1))
    link = ReviewLink.objects.create(from_review=lcspr, to_review=national, kind="related")
    Finding.objects.create(review=lcspr, number=1, text="Information was not shared (fictional).")
    rec = Recommendation.objects.create(partnership=partnership, review=lcspr, number=1, text="Share information.")
    today = timezone.localdate()
    police = _action(partnership, devon, "Brief officers", rec, today - timedelta(days=2), rag="red")
    la = _action(partnership, ayla, "Audit referrals", rec, today + timedelta(days=30), status="on_track")
    update = ActionUpdate.objects.create(action=police, progress="Briefings booked.", impact="Fewer missed calls.",
                                         rag_after="red")
    ActionEvidence.objects.create(update=update, file=ContentFile(b"Fictional.", name="e.txt"),
                                  original_name="register.txt", content_type="text/plain", size=10, sha256="a" * 64)
    version = TaxonomyVersion.objects.create(partnership=partnership, version=1, note="National themes")
    theme = Theme.objects.create(partnership=partnership, key="information_sharing", label="Information sharing",
                                 category="practice", added_in=version)
    return {"lcspr": lcspr, "national": national, "link": link, "rec": rec, "police": police, "la": la,
            "update": update, "theme": theme}


def _results(client, path):
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 200, (path, response.status_code)
    return response.json()["results"]


def test_a_chair_reads_a_review_with_findings_links_and_recommendations(client, data):
    """The review carries its findings, its recommendation ids and the link, shown on both reviews."""
    sign_in(client, User.objects.get(username="chair"))
    body = client.get(f"/api/v1/learning-reviews/{data['lcspr'].pk}/").json()
    assert body["findings"][0]["text"] == "Information was not shared (fictional)."
    assert body["recommendations"] == [data["rec"].pk]
    assert body["links"] == [{"id": data["link"].pk, "from_review": data["lcspr"].pk,
                              "from_title": "Practice review: Child K (fictional)", "to_review": data["national"].pk,
                              "to_title": "Panel report (fictional)", "kind": "related", "note": ""}]
    national = client.get(f"/api/v1/learning-reviews/{data['national'].pk}/").json()
    assert [link["id"] for link in national["links"]] == [data["link"].pk]
    assert AuditEvent.objects.filter(verb="viewed", target_type="learning.review").count() == 2


def test_lists_and_filters(client, data):
    """Actions filter by review, RAG and overdue; recommendations by review; links by review; themes by category."""
    sign_in(client, User.objects.get(username="business.manager"))
    assert {a["title"] for a in _results(client, f"actions/?review={data['lcspr'].pk}")} == {
        "Brief officers", "Audit referrals"}
    overdue = _results(client, "actions/?overdue=true")
    assert [(a["title"], a["overdue"], a["rag"]) for a in overdue] == [("Brief officers", True, "red")]
    assert [a["title"] for a in _results(client, "actions/?rag=red")] == ["Brief officers"]
    assert [r["number"] for r in _results(client, f"recommendations/?review={data['lcspr'].pk}")] == [1]
    assert _results(client, f"recommendations/?review={data['national'].pk}") == []
    assert len(_results(client, f"review-links/?review={data['national'].pk}")) == 1
    assert [t["key"] for t in _results(client, "themes/?category=practice")] == ["information_sharing"]
    [update] = _results(client, f"action-updates/?action={data['police'].pk}")
    assert update["impact"] == "Fewer missed calls." and update["evidence"] == [{
        "id": update["evidence"][0]["id"], "original_name": "register.txt", "content_type": "text/plain", "size": 10,
        "sha256": "a" * 64}]
    assert "file" not in update["evidence"][0] and "url" not in update["evidence"][0]


@pytest.mark.parametrize("query", ["actions/?rag=purple", "actions/?review=abc", "actions/?overdue=maybe",
                                   "recommendations/?review=0", "themes/?category=x", "learning-reviews/?kind=x",
                                   "action-updates/?action=99999999999"])
def test_bad_filters_are_400(client, data, query):
    """A filter that is not valid is a 400 saying which, never a 500."""
    sign_in(client, User.objects.get(username="business.manager"))
    assert client.get(f"/api/v1/{query}").status_code == 400


def test_a_contributor_sees_only_their_agencys_actions_and_updates(client, data):
    """The police contributor: the police action and its update; no reviews, links, recommendations or themes;
    the LA action and every review are 404s."""
    sign_in(client, User.objects.get(username="contributor"))
    assert [a["title"] for a in _results(client, "actions/")] == ["Brief officers"]
    assert [u["id"] for u in _results(client, "action-updates/")] == [data["update"].pk]
    for path in ("learning-reviews/", "review-links/", "recommendations/", "themes/"):
        assert _results(client, path) == [], path
    assert client.get(f"/api/v1/actions/{data['police'].pk}/").status_code == 200
    assert client.get(f"/api/v1/actions/{data['la'].pk}/").status_code == 404
    assert client.get(f"/api/v1/action-updates/?action={data['la'].pk}").json()["results"] == []
    for path, pk in (("learning-reviews", data["lcspr"].pk), ("recommendations", data["rec"].pk),
                     ("themes", data["theme"].pk)):
        assert client.get(f"/api/v1/{path}/{pk}/").status_code == 404, path


def test_another_partnership_gets_404s_and_empty_lists(client, data):
    """The business team of another partnership sees none of these records, and its own only."""
    other = PartnershipFactory()
    person = PersonFactory(partnership=other, agency=AgencyFactory(partnership=other))
    Action.objects.create(partnership=other, title="Their action", owner=person, agency=person.agency,
                          due_date=date(2026, 6, 1), set_on=date(2026, 1, 5))
    sign_in(client, user_with_role(other, "business_team"))
    for path, pk in (("learning-reviews", data["lcspr"].pk), ("recommendations", data["rec"].pk),
                     ("actions", data["police"].pk), ("themes", data["theme"].pk)):
        assert client.get(f"/api/v1/{path}/{pk}/").status_code == 404, path
    assert [a["title"] for a in _results(client, "actions/")] == ["Their action"]
    for path in ("learning-reviews/", "review-links/", "recommendations/", "action-updates/", "themes/"):
        assert _results(client, path) == [], path


def test_every_response_is_audited(client, data):
    """Each list is one viewed event naming the path; each record read is one viewed event on the record."""
    sign_in(client, User.objects.get(username="scrutineer"))
    client.get("/api/v1/actions/")
    client.get(f"/api/v1/actions/{data['police'].pk}/")
    listed = AuditEvent.objects.filter(verb="viewed", target_type="").get()
    assert listed.changes["api"][1] == "/api/v1/actions/ (2 shown)"
    assert AuditEvent.objects.filter(verb="viewed", target_type="actions.action",
                                     target_id=str(data["police"].pk)).count() == 1


def test_schema_validates_and_lists_the_learning_endpoints():
    """The OpenAPI schema validates with no warnings and names each learning endpoint."""
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    schema = out.getvalue()
    for path in ("/api/v1/learning-reviews/", "/api/v1/learning-reviews/{id}/", "/api/v1/review-links/",
                 "/api/v1/recommendations/", "/api/v1/recommendations/{id}/", "/api/v1/actions/",
                 "/api/v1/actions/{id}/", "/api/v1/action-updates/", "/api/v1/themes/", "/api/v1/themes/{id}/"):
        assert f'"{path}"' in schema, path


def test_populated_responses_match_the_published_schema(data):
    """With real records behind them, every learning endpoint answers as the schema says (nulls included)."""
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from schemathesis.specs.openapi.checks import response_schema_conformance

    from casereview.accounts.services import api_token_issue
    from config.wsgi import application

    _token, secret = api_token_issue(actor=User.objects.get(username="business.manager"), name="learning")
    headers = {"Authorization": f"Bearer {secret}"}
    ids = {"learning-reviews": data["lcspr"].pk, "recommendations": data["rec"].pk, "actions": data["police"].pk,
           "themes": data["theme"].pk}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, headers=headers)
        failures, checked = [], 0
        for result in schema.get_all_operations():
            operation = result.ok()
            prefix = operation.path.split("/")[3]
            if prefix not in PATHS:
                continue
            case = operation.Case(path_parameters={"id": ids[prefix]} if "{id}" in operation.path else None)
            response = case.call(headers=headers)
            assert response.status_code == 200, (operation.path, response.status_code)
            checked += 1
            try:
                case.validate_response(response, checks=[response_schema_conformance])
            except Exception as exc:  # collect every operation's failure, then report them together
                failures.append(f"{operation.path}: {str(exc).splitlines()[0][:300]}")
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert failures == [] and checked == 10
