"""The versioned theme taxonomy and the tags on reviews, rapid reviews, findings and recommendations."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.learning.models import Finding, Recommendation, Review, TaxonomyVersion, Theme, ThemeTag
from casereview.learning.theme_services import (
    default_source,
    default_year,
    seed_themes,
    source_choices,
    tag_remove,
    tags_set,
    taxonomy_ensure,
    theme_add,
    theme_retire,
)
from tests.conftest import sign_in, user_with_role

pytestmark = pytest.mark.django_db


def make_review(partnership, kind="lcspr", **fields):
    """A review made directly (the review services are tested with their own part)."""
    defaults = {"title": f"A fictional {kind} review", "status": "open" if kind != "lcspr" else "commissioned"}
    return Review.objects.create(partnership=partnership, kind=kind, **{**defaults, **fields})


def theme(partnership, key):
    return Theme.objects.get(partnership=partnership, key=key)


def test_taxonomy_is_seeded_once_with_the_national_themes(partnership, business_user):
    """Version 1 holds DOMAIN.md's 24 themes (11 practice, 13 harm); calling again writes nothing."""
    first = taxonomy_ensure(partnership, business_user)
    again = taxonomy_ensure(partnership, business_user)
    assert first.pk == again.pk and first.version == 1
    themes = Theme.objects.filter(partnership=partnership)
    assert themes.count() == 24 == len(seed_themes()["themes"])
    assert themes.filter(category="practice").count() == 11 and themes.filter(category="harm").count() == 13
    assert theme(partnership, "fathers").label == "Fathers and male carers"
    assert TaxonomyVersion.objects.filter(partnership=partnership).count() == 1
    assert AuditEvent.objects.filter(target_type="learning.taxonomyversion", verb="created").count() == 1


def test_adding_a_theme_makes_a_new_version(partnership, business_user):
    """A local theme gets a slug key and its own version with a note; the same name twice is refused."""
    taxonomy_ensure(partnership, business_user)
    added = theme_add(actor=business_user, partnership=partnership, label="Private  fostering", category="local")
    assert (added.key, added.label, added.added_in.version) == ("private_fostering", "Private fostering", 2)
    assert added.added_in.note == "Added “Private fostering” (Local)"
    with pytest.raises(ValidationError) as error:
        theme_add(actor=business_user, partnership=partnership, label="private fostering", category="harm")
    assert "already a theme" in str(error.value.message_dict["label"])
    with pytest.raises(ValidationError):
        theme_add(actor=business_user, partnership=partnership, label="!!!", category="local")
    assert AuditEvent.objects.filter(target_type="learning.theme", verb="created").count() == 1


def test_retiring_keeps_tags_and_refuses_new_ones(partnership, business_user):
    """A retired theme keeps its tags, is retired in a new version, and cannot be used for a new tag."""
    taxonomy_ensure(partnership, business_user)
    review, other = make_review(partnership, year=2025), make_review(partnership, year=2025)
    sudi = theme(partnership, "sudi")
    tags_set(actor=business_user, target=review, themes=[sudi], source="lcspr", year=2025)
    retired = theme_retire(actor=business_user, theme=sudi, reason="Merged into a local theme")
    assert retired.retired_in.version == 2
    assert retired.retired_in.note == "Retired “Sudden unexpected death in infancy”: Merged into a local theme"
    assert ThemeTag.objects.filter(theme=sudi).count() == 1
    with pytest.raises(ValidationError) as error:
        tags_set(actor=business_user, target=other, themes=[sudi], source="lcspr", year=2025)
    assert "retired" in str(error.value.message_dict["themes"])
    with pytest.raises(ValidationError):
        theme_retire(actor=business_user, theme=sudi)
    # Saving the first review's current themes leaves the retired tag alone.
    tags_set(actor=business_user, target=review, themes=[theme(partnership, "neglect")], source="lcspr", year=2025)
    assert sorted(t.theme.key for t in ThemeTag.objects.filter(review=review)) == ["neglect", "sudi"]


def test_tags_set_adds_removes_and_dates_with_one_audit_event(partnership, business_user):
    """The chosen themes become the tags, all with the source and year; one audit event records the change."""
    taxonomy_ensure(partnership, business_user)
    review = make_review(partnership, year=2024)
    a, b, c = (theme(partnership, k) for k in ("neglect", "domestic_abuse", "fathers"))
    tags_set(actor=business_user, target=review, themes=[a, b], source="lcspr", year=2024)
    tags_set(actor=business_user, target=review, themes=[b, c], source="lcspr", year=2025)
    tags = ThemeTag.objects.filter(review=review).order_by("theme__key")
    assert [(t.theme.key, t.source, t.year) for t in tags] == [("domestic_abuse", "lcspr", 2025),
                                                              ("fathers", "lcspr", 2025)]
    events = AuditEvent.objects.filter(target_type="learning.review", target_id=str(review.pk), verb="updated")
    assert events.count() == 2
    assert events.last().changes["themes"][1] == ["Domestic abuse (Local practice review, 2025)",
                                                  "Fathers and male carers (Local practice review, 2025)"]
    tags_set(actor=business_user, target=review, themes=[b, c], source="lcspr", year=2025)  # no change, no event
    assert events.count() == 2


@pytest.mark.parametrize(("kind", "sources"), [
    ("lcspr", ["lcspr"]), ("national", ["national", "panel_annual_report"]), ("sar", ["adult_review"]),
    ("darr", ["adult_review"]), ("single_agency", ["single_agency"]), ("audit", ["audit"]),
])
def test_source_follows_the_kind_of_review(partnership, kind, sources):
    """A tag's source comes from the kind of review; a national one may be the Panel's annual report."""
    review = make_review(partnership, kind=kind)
    assert [value for value, _label in source_choices(review)] == sources
    assert default_source(review) == sources[0]


def test_a_source_the_kind_does_not_allow_is_refused(partnership, business_user):
    """An LCSPR's tags cannot claim to come from a national review; years outside the range are refused."""
    taxonomy_ensure(partnership, business_user)
    review = make_review(partnership)
    neglect = theme(partnership, "neglect")
    with pytest.raises(ValidationError) as error:
        tags_set(actor=business_user, target=review, themes=[neglect], source="national", year=2025)
    assert "source" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        tags_set(actor=business_user, target=review, themes=[neglect], source="lcspr", year=1850)
    assert "year" in error.value.message_dict


def test_default_year_and_findings_and_recommendations(partnership, business_user):
    """The year comes from the review (year, then publication, then decision); findings and recommendations
    take their review's source and year."""
    taxonomy_ensure(partnership, business_user)
    national = make_review(partnership, kind="national", published_on=date(2023, 5, 1))
    lcspr = make_review(partnership, decision_date=date(2022, 3, 1))
    assert default_year(national) == 2023 and default_year(lcspr) == 2022
    finding = Finding.objects.create(review=national, number=1, text="A fictional finding.")
    rec = Recommendation.objects.create(partnership=partnership, review=national, number=1, text="Do better.")
    assert default_year(finding) == 2023 and default_source(rec) == "national"
    tags_set(actor=business_user, target=national, themes=[theme(partnership, "neglect")],
             source="panel_annual_report", year=2023)
    assert default_source(finding) == "panel_annual_report"  # follows what the review's tags say
    tags_set(actor=business_user, target=finding, themes=[theme(partnership, "neglect")],
             source="panel_annual_report", year=2023)
    assert ThemeTag.objects.get(finding=finding).source == "panel_annual_report"


def test_tag_remove_is_audited_against_the_record(partnership, business_user):
    """Removing a tag records the theme on the tagged record's history."""
    taxonomy_ensure(partnership, business_user)
    review = make_review(partnership, year=2025)
    [tag] = tags_set(actor=business_user, target=review, themes=[theme(partnership, "neglect")], source="lcspr",
                     year=2025)
    tag_remove(actor=business_user, tag=tag)
    assert not ThemeTag.objects.filter(review=review).exists()
    event = AuditEvent.objects.get(verb="deleted", target_type="learning.review")
    assert event.changes == {"theme_tag": ["Neglect (Local practice review, 2025)", None]}


def test_only_the_business_team_changes_themes(partnership):
    """A chair reads the taxonomy but cannot add, retire or tag."""
    chair = user_with_role(partnership, "chair")
    taxonomy_ensure(partnership, chair)
    review = make_review(partnership, year=2025)
    with pytest.raises(PermissionDenied):
        theme_add(actor=chair, partnership=partnership, label="Local thing", category="local")
    with pytest.raises(PermissionDenied):
        tags_set(actor=chair, target=review, themes=[theme(partnership, "neglect")], source="lcspr", year=2025)


def test_themes_page_seeds_lazily_and_shows_versions(client, partnership, business_user):
    """The themes page seeds the taxonomy the first time and lists themes by category with their versions."""
    sign_in(client, business_user)
    page = client.get("/learning/themes/").content.decode()
    assert "Harm and context" in page and "Information sharing" in page and "Add a local theme" in page
    assert TaxonomyVersion.objects.filter(partnership=partnership).count() == 1


def test_add_and_retire_through_the_pages(client, partnership, business_user):
    """The business team adds a theme with the form and retires it with a POST; errors show by the field."""
    sign_in(client, business_user)
    response = client.post("/learning/themes/add/", {"label": "Private fostering", "category": "local"})
    assert response.status_code == 302
    added = theme(partnership, "private_fostering")
    bad = client.post("/learning/themes/add/", {"label": "Private fostering", "category": "local"})
    assert bad.status_code == 400 and "already a theme" in bad.content.decode()
    assert client.post(f"/learning/themes/{added.pk}/retire/", {"reason": "Not used"}).status_code == 302
    added.refresh_from_db()
    assert added.retired_in.version == 3
    assert "Retired in version 3" in client.get("/learning/themes/").content.decode()


def test_review_tag_page_saves_checked_themes(client, partnership, business_user):
    """The tag page offers current themes as checkboxes and saves the ticked ones with the source and year."""
    sign_in(client, business_user)
    review = make_review(partnership, year=2025)
    page = client.get(f"/learning/reviews/{review.pk}/themes/")
    assert page.status_code == 200 and "Neglect" in page.content.decode()
    neglect = theme(partnership, "neglect")
    response = client.post(f"/learning/reviews/{review.pk}/themes/",
                           {"themes_harm": [str(neglect.pk)], "source": "lcspr", "year": "2025"})
    assert response.status_code == 302 and response["Location"].endswith("#themes")
    assert ThemeTag.objects.get(review=review).theme == neglect
    bad = client.post(f"/learning/reviews/{review.pk}/themes/", {"source": "lcspr", "year": "20x5"})
    assert bad.status_code == 400 and "Enter a year" in bad.content.decode()


def test_rapid_review_tag_uses_the_decision_or_notification_year(client, settings, tmp_path):
    """A rapid review's tags have the source "rapid review" and the notification's year before a decision."""
    from casereview.partnerships.demo import load_demo
    from tests.reviews.conftest import notification_data

    load_demo()
    from casereview.accounts.models import User
    from casereview.incidents.services import notification_record
    from casereview.partnerships.models import Group

    admin = User.objects.get(username="business.manager")
    notification = notification_record(actor=admin, group=Group.objects.get(name="Rapid Review Group"),
                                       notification=notification_data(), children=[{
                                           "pseudonym": "Child A", "age_years": 3, "sex": "female",
                                           "ethnicity": "White British", "legal_status": "child_in_need"}])
    rapid = notification.rapid_review
    assert default_year(rapid) == 2025 and default_source(rapid) == "rapid_review"
    sign_in(client, admin)
    taxonomy_ensure(rapid.partnership, admin)
    neglect = theme(rapid.partnership, "neglect")
    response = client.post(f"/learning/rapid-reviews/{rapid.pk}/themes/",
                           {"themes_harm": [str(neglect.pk)], "source": "rapid_review", "year": "2025"})
    assert response.status_code == 302
    assert ThemeTag.objects.get(rapid_review=rapid).source == "rapid_review"


def test_review_page_shows_the_themes_part(client, partnership, business_user):
    """The review page lists the review's themes and those of its findings and recommendations, with links to
    change them and to the seven-minute briefing."""
    taxonomy_ensure(partnership, business_user)
    review = make_review(partnership, year=2025)
    finding = Finding.objects.create(review=review, number=1, text="A fictional finding.")
    Recommendation.objects.create(partnership=partnership, review=review, number=1, text="A fictional one.")
    tags_set(actor=business_user, target=review, themes=[theme(partnership, "neglect")], source="lcspr", year=2025)
    tags_set(actor=business_user, target=finding, themes=[theme(partnership, "fathers")], source="lcspr", year=2025)
    sign_in(client, business_user)
    html = client.get(f"/learning/reviews/{review.pk}/").content.decode()
    assert "Themes and learning" in html and "Neglect" in html and "Fathers and male carers" in html
    assert f"/learning/findings/{finding.pk}/themes/" in html and f"/learning/reviews/{review.pk}/briefing.pdf" in html
    assert "The review's themes</td>" in html  # the recommendation has none of its own
