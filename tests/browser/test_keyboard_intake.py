"""In a real browser, keyboard only: from the dashboard to a recorded notification, through one error on the way.

Signing in uses `_sign_in` (the mouse); from the dashboard onwards only `page.keyboard` moves focus or answers,
so every field must be reachable with Tab in a sensible order, show where focus is, and the GOV.UK error
summary must take focus and lead back to the field it names.
"""

import pytest
from playwright.sync_api import expect

from casereview.partnerships.demo import load_demo

from .conftest import axe_violations
from .test_sign_in_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 200
SUBMIT = "Record notification and open the rapid review"
# Kent rules start the clock on receipt (Saturday 20 December 2025); 15 working days over Christmas.
DUE = "due Wednesday 14 January 2026"
# Typed into each <input type="date">, segment by segment, in the order the browser shows the segments.
DATES = (("id_incident_date", "2025-12-15"), ("id_la_aware_date", "2025-12-16"),
         ("id_sin_submitted_date", "2025-12-18"), ("id_received_date", "2025-12-20"))

# What the focused element is called: its id, the text of its first label, or a link's or button's own text.
ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {id: "", name: "(nothing: focus is on the page body)", tag: "body"};
  const label = el.labels && el.labels.length ? el.labels[0].textContent : el.innerText || el.value || "";
  return {id: el.id, name: label.replace(/\\s+/g, " ").trim(), tag: el.tagName.toLowerCase()};
}"""

# The focus indicator GOV.UK Frontend draws: yellow (#ffdd00) in an outline, box-shadow or background. On a radio
# or checkbox the input itself is invisible, so the ring must be on its label's ::before instead.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const hidden = el.matches("input[type=radio], input[type=checkbox]");
  const s = hidden && el.labels && el.labels[0] ? getComputedStyle(el.labels[0], "::before") : getComputedStyle(el);
  const yellow = "rgb(255, 221, 0)";
  const found = {outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? s.outlineColor : "none",
                 boxShadow: s.boxShadow, background: s.backgroundColor};
  found.visible = Object.values(found).some((value) => value.includes(yellow));
  return found;
}"""


@pytest.fixture
def date_order(browser) -> tuple[str, ...]:
    """The order Chromium's date field takes day, month and year in, which follows the browser's own language.

    Found on a blank page, not the service's, by typing a date each way round and keeping the one that took.
    """
    context = browser.new_context()
    probe = context.new_page()
    probe.set_content('<input id="before"><input type="date" id="probe">')
    parts = {"d": "15", "m": "12", "y": "2025"}
    try:
        for order in (("d", "m", "y"), ("m", "d", "y"), ("y", "m", "d")):
            probe.fill("#probe", "")
            probe.focus("#before")
            probe.keyboard.press("Tab")
            probe.keyboard.type("".join(parts[p] for p in order))
            if probe.input_value("#probe") == "2025-12-15":
                return order
        pytest.fail("Could not work out the order this Chromium's date field takes its parts in")
    finally:
        context.close()


def tab_to(page, target: str) -> dict:
    """Press Tab until the focused element's id or label is `target`; fail, naming the path, if it is not reached."""
    path = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if target in (active["id"], active["name"]):
            return active
        # Focus on the body means it fell off the page (or out of it): whatever comes next is no longer "in order".
        assert active["tag"] != "body", f"Focus was lost on the way to {target!r}, after: {path[-10:]}"
        path.append(active["id"] or active["name"])
    pytest.fail(f"{target!r} was not reached in {MAX_TABS} presses of Tab; focus went through: {path[:60]}")


def assert_focus_visible(page, what: str) -> None:
    """The focused element shows a focus indicator (GOV.UK's yellow outline or box-shadow)."""
    style = page.evaluate(FOCUS_STYLE)
    assert style["visible"], f"No visible focus indicator on {what}: {style}"


def type_into(page, target: str, text: str) -> None:
    tab_to(page, target)
    assert_focus_visible(page, target)
    page.keyboard.type(text)


def choose_radio(page, first_id: str, answer: str) -> None:
    """Tab into a radio group (focus lands on its first radio), arrow down to the answer, and Space selects it."""
    tab_to(page, first_id)
    assert_focus_visible(page, first_id)
    for _ in range(10):
        if page.evaluate(ACTIVE)["name"] == answer:
            break
        page.keyboard.press("ArrowDown")
    active = page.evaluate(ACTIVE)
    assert active["name"] == answer, f"Arrow keys did not reach {answer!r} from {first_id}: stopped at {active}"
    page.keyboard.press("Space")  # an arrow key has selected it already, but Tab onto the first radio does not
    assert page.evaluate("() => document.activeElement.checked"), f"{answer!r} is focused but not selected"


def tick(page, label: str) -> None:
    tab_to(page, label)
    assert_focus_visible(page, label)
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), f"Space did not tick {label!r}"


def fill_notification_except_summary(page, date_order: tuple[str, ...]) -> None:
    """Every required answer but the summary, in the order Tab reaches them."""
    tab_to(page, "id_group")
    assert_focus_visible(page, "the group select")
    page.keyboard.type("Rapid Review Group")  # a closed select picks the option its typed name starts with
    assert page.evaluate("() => document.activeElement.selectedOptions[0].text") == "Rapid Review Group"
    type_into(page, "id_reference", "SIN-2025-061")
    type_into(page, "id_local_authority", "Northmoor Council")
    for field, iso in DATES:
        year, month, day = iso.split("-")
        parts = {"d": day, "m": month, "y": year}
        type_into(page, field, "".join(parts[p] for p in date_order))
        assert page.input_value(f"#{field}") == iso, f"{field} did not take the typed date {iso}"
    choose_radio(page, "id_nature_1", "Serious harm")
    tick(page, "Physical abuse")
    tab_to(page, "id_summary")  # passed over here: the error state needs one required answer missing
    type_into(page, "id_children-0-pseudonym", "Child A")
    choose_radio(page, "id_children-0-sex_1", "Female")
    type_into(page, "id_children-0-ethnicity", "White British")
    choose_radio(page, "id_children-0-legal_status_1", "Child in need")


def submit(page) -> None:
    tab_to(page, SUBMIT)
    assert_focus_visible(page, "the submit button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_keyboard_user_records_a_notification(live_server, page, date_order):
    """Keyboard alone: dashboard link, every field by Tab, an error summary that takes focus, then the review."""
    load_demo()
    _sign_in(page, live_server.url, "business.manager")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")

    tab_to(page, "Record a notification")
    assert_focus_visible(page, "the dashboard's Record a notification link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a serious incident notification")
    assert axe_violations(page) == []

    fill_notification_except_summary(page, date_order)
    submit(page)

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a brief summary of the incident")
    assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')"), (
        f"The error summary did not take focus: focus is on {page.evaluate(ACTIVE)}")
    assert axe_violations(page) == []

    tab_to(page, "Enter a brief summary of the incident")
    page.keyboard.press("Enter")
    expect(page.locator("#id_summary")).to_be_focused()
    page.keyboard.type("Child A, aged 3, was taken to hospital with unexplained injuries. Fictional case.")
    submit(page)

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Notification recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapid review SIN-2025-061")
    assert DUE in page.content()
