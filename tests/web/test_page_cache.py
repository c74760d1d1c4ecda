"""Pages kept for the session that saw them (casereview.web.page_cache): served again only to that session, for
the same address and day, while no audited write has happened; never a page with a message, one whose request
recorded a read, or anything but a plain HTML page.

Outside a transaction (nothing is kept inside one). A record changed directly in the database, without an audit
event, is how these tests see whether a page was served again or made afresh."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.test import Client, RequestFactory
from django.utils import timezone

from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.access import SESSION_KEY
from casereview.partnerships.models import Access, Partnership
from casereview.web import page_cache
from casereview.web.page_cache import remembered_page
from tests.conftest import PartnershipFactory, UserFactory, sign_in, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def _rename_unaudited(partnership, name):
    Partnership.objects.filter(pk=partnership.pk).update(name=name)


def _rename_audited(partnership, name):
    with transaction.atomic():
        Partnership.objects.filter(pk=partnership.pk).update(name=name)
        audit_record(actor=None, verb=Verb.UPDATED, target=partnership, system="test",
                     changes={"name": [partnership.name, name]})


@pytest.fixture
def browser(client, partnership):
    """A signed-in business team member's browser that has its CSRF cookie (it has seen a page with a form)."""
    sign_in(client, user_with_role(partnership, "business_team"))
    client.get("/")
    assert "csrftoken" in client.cookies
    return client


def test_a_page_is_served_again_until_a_record_is_written(browser, partnership):
    first = browser.get("/").content.decode()
    assert partnership.name in first
    _rename_unaudited(partnership, "Renamed Without Audit")
    assert browser.get("/").content.decode() == first  # served again: the page was not made afresh

    _rename_audited(partnership, "Renamed Through A Service")
    assert "Renamed Through A Service" in browser.get("/").content.decode()


def test_a_read_of_case_material_does_not_make_pages_stale(browser, partnership):
    browser.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    audit_read(actor=None, target=partnership)
    assert "Renamed Without Audit" not in browser.get("/").content.decode()


def test_another_user_never_gets_a_page_kept_for_someone_else(browser, partnership):
    browser.get("/")
    other = PartnershipFactory(name="Other Fictional Partnership")
    outsider = sign_in(Client(), user_with_role(other, "business_team"))
    outsider.get("/")
    page = outsider.get("/").content.decode()
    assert "Other Fictional Partnership" in page
    assert partnership.name not in page


def _write_in(partnership):
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, target=partnership, system="test")


def _write_shared():
    """A write that belongs to no partnership (an account, the calendar)."""
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, system="test")


def test_a_write_in_a_partnership_the_user_has_no_role_in_leaves_their_page_kept(browser, partnership):
    first = browser.get("/").content.decode()
    _rename_unaudited(partnership, "Renamed Without Audit")
    _write_in(PartnershipFactory(name="Elsewhere Fictional Partnership"))
    assert browser.get("/").content.decode() == first


def test_a_write_in_no_partnership_makes_every_page_stale(browser, partnership):
    browser.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    _write_shared()
    assert "Renamed Without Audit" in browser.get("/").content.decode()


def test_a_write_in_another_of_the_users_partnerships_makes_their_page_stale(browser, partnership):
    """Their pages may show any partnership they hold a role in (the partnership switcher names each)."""
    other = PartnershipFactory(name="Second Fictional Partnership")
    Access.objects.create(user=Access.objects.get(partnership=partnership).user, partnership=other,
                          role="member")
    browser.get("/")
    _rename_unaudited(other, "Second Renamed Without Audit")
    _write_in(other)
    assert "Second Renamed Without Audit" in browser.get("/").content.decode()


def test_gaining_a_role_in_another_partnership_makes_the_page_stale(browser, partnership):
    browser.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    other = PartnershipFactory(name="Second Fictional Partnership")
    Access.objects.create(user=Access.objects.get(partnership=partnership).user, partnership=other,
                          role="member")  # unaudited: the set of partnerships itself is part of the version
    assert "Renamed Without Audit" in browser.get("/").content.decode()


def test_a_system_administrators_page_goes_stale_at_a_write_in_any_partnership(client, partnership):
    sign_in(client, UserFactory(is_superuser=True, is_staff=True))
    client.get("/")
    first = client.get("/").content.decode()
    assert partnership.name in first
    _rename_unaudited(partnership, "Renamed Without Audit")
    assert client.get("/").content.decode() == first
    _write_in(PartnershipFactory(name="Elsewhere Fictional Partnership"))
    assert "Renamed Without Audit" in client.get("/").content.decode()


def test_a_new_session_of_the_same_user_gets_its_own_page(browser, partnership):
    browser.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    user = Access.objects.get(partnership=partnership).user
    second = sign_in(Client(), user)
    second.cookies["csrftoken"] = browser.cookies["csrftoken"].value  # the same browser, signed in again
    assert "Renamed Without Audit" in second.get("/").content.decode()


def test_switching_partnership_shows_the_chosen_one(browser, partnership):
    other = PartnershipFactory(name="Second Fictional Partnership")
    user = Access.objects.get(partnership=partnership).user
    Access.objects.create(user=user, partnership=other, role="business_team")
    assert partnership.name in browser.get("/").content.decode()
    browser.post("/switch-partnership/", {"partnership": other.pk})
    assert browser.session[SESSION_KEY] == other.pk
    page = browser.get("/").content.decode()
    assert '<span class="govuk-caption-l">Second Fictional Partnership</span>' in page


def test_a_page_is_not_served_again_on_another_day(browser, partnership, monkeypatch):
    browser.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda: tomorrow)
    assert "Renamed Without Audit" in browser.get("/").content.decode()


def test_nothing_is_kept_for_a_browser_without_its_csrf_cookie(client, partnership):
    """Its page's form tokens would name a secret made for that response alone."""
    sign_in(client, user_with_role(partnership, "business_team"))
    client.get("/")
    del client.cookies["csrftoken"]
    client.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    del client.cookies["csrftoken"]
    assert "Renamed Without Audit" in client.get("/").content.decode()


def test_no_page_is_kept_when_turned_off(browser, partnership, settings):
    settings.PAGE_CACHE_ENTRIES = 0
    browser.get("/")
    _rename_unaudited(partnership, "Renamed Without Audit")
    assert "Renamed Without Audit" in browser.get("/").content.decode()


def test_a_signed_out_browser_is_sent_to_sign_in(browser):
    browser.get("/")
    browser.logout()
    response = browser.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


# The rules for what is kept, through the decorator itself.

@pytest.fixture
def factory_request(partnership):
    user = user_with_role(partnership, "business_team")
    session = SessionStore()
    session["seen"] = True  # as _changing_session leaves it: only its marking the session changed differs
    session.create()

    def make(method="get"):
        request = getattr(RequestFactory(), method)("/page/")
        request.user, request.session = user, session
        session.modified = False  # as SessionMiddleware hands it over on each request
        request.META["CSRF_COOKIE"] = "a" * 32
        request._messages = FallbackStorage(request)
        return request

    return make


class Made:
    """A view that counts how often it made its page."""

    def __init__(self, respond=None):
        self.times = 0
        self.respond = respond or (lambda request: render(request, "web/accessibility.html"))

    def __call__(self, request):
        self.times += 1
        return self.respond(request)


def _twice(view, make, method="get"):
    served = remembered_page(view)
    served(make(method))
    served(make(method))
    return view.times


def test_a_plain_page_is_made_once(factory_request):
    assert _twice(Made(), factory_request) == 1


def test_a_page_whose_request_records_a_read_is_made_every_time(factory_request, partnership):
    def logged(request):
        audit_read(actor=request.user, target=partnership)
        return render(request, "web/accessibility.html")

    assert _twice(Made(logged), factory_request) == 2


def test_a_page_made_while_another_request_writes_is_made_again_next_time(factory_request, partnership):
    """The write lands during the view, from another thread (another request): the page is kept under the version
    read before it, which the next request no longer reads, so that request makes the page afresh."""
    def another_request_writes(request):
        def write():
            try:
                _write_in(partnership)
            finally:
                connection.close()

        thread = threading.Thread(target=write)
        thread.start()
        thread.join()
        return render(request, "web/accessibility.html")

    assert _twice(Made(another_request_writes), factory_request) == 2


@pytest.mark.parametrize("respond", [
    pytest.param(lambda request: HttpResponse("a,b\n", content_type="text/csv"), id="not HTML"),
    pytest.param(lambda request: HttpResponse("<p>gone</p>", status=404), id="not 200"),
    pytest.param(lambda request: _with_disposition(HttpResponse("<p>file</p>")), id="a download"),
    pytest.param(lambda request: _with_cookie(HttpResponse("<p>cookie</p>")), id="sets a cookie"),
    pytest.param(lambda request: _changing_session(request), id="changes the session"),
])
def test_pages_that_must_be_made_every_time(factory_request, respond):
    assert _twice(Made(respond), factory_request) == 2


def test_a_post_is_never_answered_from_a_kept_page(factory_request):
    assert _twice(Made(), factory_request, method="post") == 2


def test_a_page_with_a_message_is_made_afresh_and_the_message_shown_once(factory_request):
    view = Made(lambda request: HttpResponse("".join(str(m) for m in messages.get_messages(request))
                                             or "<p>no message</p>"))
    served = remembered_page(view)
    assert served(factory_request()).content == b"<p>no message</p>"
    request = factory_request()
    messages.success(request, "Saved")
    assert served(request).content == b"Saved"
    assert view.times == 2


def _with_disposition(response):
    response["Content-Disposition"] = 'attachment; filename="page.html"'
    return response


def _with_cookie(response):
    response.set_cookie("seen", "1")
    return response


def _changing_session(request):
    request.session["seen"] = True
    return HttpResponse("<p>seen</p>")
