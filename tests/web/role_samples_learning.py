"""Sample reviews and learning records for the role-by-URL walk, made directly so every page has something."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from casereview.actions.models import Action, ActionEvidence, ActionUpdate
from casereview.learning.models import (
    Finding,
    ImportRun,
    PopulationBaseline,
    Recommendation,
    Review,
    Reviewer,
    ReviewLink,
    ReviewMilestone,
    TaxonomyVersion,
    Theme,
    ThemeTag,
)
from casereview.partnerships.models import Agency, AgencyKind, Group, Person


def learning_samples(partnership, rapid_review) -> dict:
    """An LCSPR commissioned from the sample rapid review, a national review linked to it, a recommendation
    with an action and an update, a theme and its tag, a baseline row and an import run."""
    group = Group.objects.get(partnership=partnership, name="Case Review Subgroup")
    police = Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE)
    owner = Person.objects.filter(agency=police).order_by("pk").first()
    lcspr = Review.objects.create(partnership=partnership, kind="lcspr", title="Practice review: Child A (fictional)",
                                  reference="LCSPR-URL-1", status="commissioned", group=group,
                                  rapid_review=rapid_review, decision_date=date(2026, 1, 12), year=2026)
    national = Review.objects.create(partnership=partnership, kind="national", title="A national review (fictional)",
                                     status="completed", source_body="The Panel", published_on=date(2025, 6, 1),
                                     year=2025)
    link = ReviewLink.objects.create(from_review=lcspr, to_review=national, kind="related")
    milestone = ReviewMilestone.objects.create(review=lcspr, kind="practitioner_event", planned_on=date(2026, 3, 1))
    reviewer = Reviewer.objects.create(review=lcspr, name="An independent reviewer (fictional)")
    recommendation = Recommendation.objects.create(partnership=partnership, review=lcspr, number=1,
                                                   text="Agencies share information at the first contact.")
    finding = Finding.objects.create(review=lcspr, number=1, text="Information was not shared (fictional).")
    action = Action.objects.create(partnership=partnership, title="Train officers on information sharing",
                                   owner=owner, agency=police, due_date=date(2026, 6, 1), set_on=date(2026, 2, 1),
                                   recommendation=recommendation)
    update = ActionUpdate.objects.create(action=action, progress="Training booked (fictional).")
    evidence = ActionEvidence.objects.create(update=update, file=ContentFile(b"Fictional evidence.", name="e.txt"),
                                             original_name="evidence.txt", content_type="text/plain", size=19,
                                             sha256="0" * 64)
    national_rec = Recommendation.objects.create(partnership=partnership, review=national, number=1,
                                                 text="Partnerships review their information sharing (fictional).")
    version = TaxonomyVersion.objects.create(partnership=partnership, version=1, note="National themes")
    theme = Theme.objects.create(partnership=partnership, key="information_sharing", label="Information sharing",
                                 category="practice", added_in=version)
    tag = ThemeTag.objects.create(partnership=partnership, theme=theme, review=lcspr, source="lcspr", year=2026)
    baseline = PopulationBaseline.objects.create(partnership=partnership, dimension="sex", category="Female",
                                                 count=30000, source="Fictional estimate", as_of=date(2025, 6, 30))
    run = ImportRun.objects.create(partnership=partnership, kind="actions", filename="plan.csv", sha256="0" * 64)
    return {
        "learning_review": {"pk": lcspr.pk},
        "national_review": {"pk": national.pk},
        "review_link": {"pk": lcspr.pk, "link_pk": link.pk},
        "review_milestone": {"pk": lcspr.pk, "milestone_pk": milestone.pk},
        "reviewer": {"pk": lcspr.pk, "reviewer_pk": reviewer.pk},
        "recommendation": {"pk": recommendation.pk},
        "finding": {"pk": finding.pk},
        "action_update": {"pk": action.pk, "update_pk": update.pk},
        "rec_action": {"pk": action.pk},
        "theme": {"pk": theme.pk},
        "theme_tag": {"pk": tag.pk},
        "baseline": {"pk": baseline.pk},
        "import_run": {"pk": run.pk},
        "national_recommendation": {"pk": national_rec.pk},
        "evidence": {"pk": evidence.pk},
    }
