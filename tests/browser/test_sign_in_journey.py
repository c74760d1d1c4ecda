"""In a real browser: sign in with password and authenticator code, then use the partnership pages."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.totp import current_code
from casereview.partnerships.demo import DEMO_PASSWORD, load_demo

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, username):
    page.goto(f"{base}/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    code = current_code(TOTPDevice.objects.get(user__username=username))
    page.get_by_label("Code", exact=False).first.fill(code)
    page.get_by_role("button", name="Continue").click()


def test_business_manager_signs_in_and_sees_the_dashboard(live_server, page):
    """The demo business manager reaches the dashboard with the partnership name and both groups."""
    load_demo()
    _sign_in(page, live_server.url, "business.manager")
    page.wait_for_selector("h1:has-text('Your dashboard')")
    body = page.content()
    assert "Northmoor and Eastbridge Safeguarding Children Partnership" in body
    assert "Case Review Subgroup" in body and "Rapid Review Group" in body
    assert "Terms of reference reviews" in body
    screenshot(page, "dashboard")


def test_group_terms_and_calendar_pages(live_server, page):
    """A member opens a group, its terms in plain English, a version comparison and the calculator."""
    load_demo()
    _sign_in(page, live_server.url, "member")
    page.get_by_role("link", name="Groups").first.click()
    page.get_by_role("link", name="Case Review Subgroup").click()
    assert "Quorate" in page.content()
    screenshot(page, "group")
    page.get_by_role("link", name="Terms of reference").click()
    page.wait_for_selector("text=Quorate when the local authority, police and health are each represented")
    screenshot(page, "terms-of-reference")
    page.get_by_role("link", name="Compare versions side by side").click()
    assert "What changed from version 1 to version 2" in page.content()
    page.goto(f"{live_server.url}/calendar/?add-date=2025-12-20&add-days=15&add-direction=after")
    assert "Wednesday 14 January 2026" in page.content()
    screenshot(page, "calculator")


def test_wrong_password_shows_an_error_beside_the_field(live_server, page):
    """A wrong password gives a GOV.UK error summary and no session."""
    load_demo()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill("business.manager")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    screenshot(page, "sign-in-error")
