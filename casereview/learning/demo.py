"""Reviews and learning for the demo partnership, through the services: a rapid review decided three months
ago whose practice review is under way (reviewer, milestones, findings, recommendations and actions, one owned
by the police), a newer rapid review still gathering information, a national review with recommendations
assessed for local relevance, a safeguarding adult review running in parallel, theme tags and a baseline.
Every name is fictional; children appear by pseudonym only."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from casereview.incidents.services import notification_record
from casereview.partnerships.models import Agency, AgencyKind, Group, Membership, Person
from casereview.reviews.criteria import CRITERIA
from casereview.reviews.decision_services import rapid_review_decide
from casereview.reviews.pack_services import rapid_review_pack_circulate
from casereview.reviews.requests_services import agency_requests_send, agency_return_submit

from .identity_services import baseline_save
from .models import Theme
from .recommendation_services import (
    finding_add,
    recommendation_action_add,
    recommendation_add,
    recommendation_assess,
)
from .review_other_services import other_review_create, review_link_add
from .review_services import practice_review_commission, review_move
from .review_team_services import milestone_add, reviewer_add
from .theme_services import tags_set, taxonomy_ensure


def load_learning_demo(admin, partnership) -> None:
    from casereview.meetings.services import rapid_review_meeting_record

    today = timezone.localdate()
    taxonomy_ensure(partnership, admin)
    themes = {t.key: t for t in Theme.objects.filter(partnership=partnership)}
    group = Group.objects.get(partnership=partnership, name="Case Review Subgroup")
    agencies = {a.kind: a for a in Agency.objects.filter(partnership=partnership)}
    people = {p.full_name: p for p in Person.objects.filter(partnership=partnership)}
    police, icb = agencies[AgencyKind.POLICE], agencies[AgencyKind.HEALTH_ICB]

    received = today - timedelta(days=100)
    decided = _notification(admin, group, "SIN-DEMO-1", received, ["neglect"],
                            "A fictional toddler was admitted to hospital malnourished; agencies had seen the family "
                            "often but did not share their worries about home conditions and missed appointments.")
    review = decided.rapid_review
    requests = agency_requests_send(actor=admin, review=review, agencies=[police, icb])
    for request in requests:
        agency_return_submit(actor=admin, request=request, files=[], nil_return=True,
                             data={"nil_explanation": "Fictional demo return: no involvement recorded."})
    rapid_review_pack_circulate(actor=admin, review=review)
    rows = [{"person": m.person, "status": "present", "attending_for": None}
            for m in Membership.objects.filter(group=group, co_opted=False).select_related("person")]
    meeting_at = timezone.make_aware(timezone.datetime.combine(received + timedelta(days=14),
                                                               timezone.datetime.min.time().replace(hour=10)))
    rapid_review_meeting_record(actor=admin, review=review, starts_at=meeting_at, mode="virtual",
                                place="Video call", attendance=rows)
    rapid_review_decide(actor=admin, review=review, data={
        "immediate_actions": "A safety plan for the younger sibling (fictional).",
        "learning_so_far": "Agencies did not share information about neglect; nobody saw the child's daily life.",
        "identity_and_inequalities": "The family's first language was not English; interpreters were not used.",
        "criteria": {c.key: {"answer": "yes" if c.key in "abc" else "no", "rationale": f"Demo rationale ({c.key})."}
                     for c in CRITERIA},
        "outcome": "lcspr", "methodology": "SCIE Learning Together (systems)",
        "national_review_rationale": "Not of national importance.", "dissent": "", "escalated_to_slg": False,
    })
    lcspr = practice_review_commission(
        actor=admin, rapid_review=review, title="Practice review: Child A (neglect, fictional)", group=group,
        reference="LCSPR-DEMO-1", scope="Agencies' work with the family in the 18 months before the admission.",
        methodology="SCIE Learning Together (systems)", review_terms="Terms of reference for the review (fictional).",
        summary="Neglect of a toddler; professionals did not share concerns or see the child's daily life.",
        planned_publication_date=today + timedelta(days=60))
    reviewer_add(actor=admin, review=lcspr, name="Jordan Ellery (fictional)", organisation="Independent reviewer",
                 independent=True, independence="Has never worked for any agency in the partnership.")
    milestone_add(actor=admin, review=lcspr, kind="practitioner_event", planned_on=today - timedelta(days=30),
                  done_on=today - timedelta(days=30))
    milestone_add(actor=admin, review=lcspr, kind="family_engagement", planned_on=today + timedelta(days=7))
    milestone_add(actor=admin, review=lcspr, kind="first_draft", planned_on=today + timedelta(days=21))
    review_move(actor=admin, review=lcspr, move="start")
    finding_add(actor=admin, review=lcspr, text="Health, police and school each held part of the picture.")
    finding_add(actor=admin, review=lcspr, text="Missed appointments were not followed up.")
    sharing = recommendation_add(actor=admin, review=lcspr,
                                 text="Agencies share concerns about neglect at the first strategy discussion.")
    was_not_brought = recommendation_add(actor=admin, review=lcspr,
                                         text="Health providers follow up every 'was not brought' appointment.")
    recommendation_action_add(actor=admin, recommendation=sharing, title="Brief public protection officers on "
                              "neglect indicators", agency=police, owner=people["Devon Okafor"],
                              due_date=today + timedelta(days=20), set_on=today - timedelta(days=40), rag="amber")
    recommendation_action_add(actor=admin, recommendation=was_not_brought, title="Audit 'was not brought' "
                              "follow-up in health visiting", agency=icb, owner=people["Helena Strand"],
                              due_date=today + timedelta(days=45), set_on=today - timedelta(days=40), rag="green")
    tags_set(actor=admin, target=lcspr, themes=[themes["neglect"], themes["information_sharing"],
                                                 themes["childs_voice"]], source="lcspr", year=today.year)
    tags_set(actor=admin, target=review, themes=[themes["neglect"], themes["information_sharing"]],
             source="rapid_review", year=today.year)

    newer = _notification(admin, group, "SIN-DEMO-2", today - timedelta(days=5), ["neglect", "physical_abuse"],
                          "A fictional school-age child was found living in neglectful home conditions with "
                          "injuries; the school had raised concerns about attendance.")
    # The police have been asked for their involvement: the demo contributor has a request to answer.
    agency_requests_send(actor=admin, review=newer.rapid_review, agencies=[police, icb])

    national = other_review_create(
        actor=admin, partnership=partnership, kind="national", title="Child protection in England (fictional)",
        source_body="Child Safeguarding Practice Review Panel", published_on=today - timedelta(days=400),
        summary="A fictional national review of information sharing and multi-agency risk assessment.")
    for text, relevance, response in [
        ("Partnerships assure themselves that agencies share information about risk.", "relevant",
         "Covered by the practice review's recommendation on strategy discussions."),
        ("Partnerships review their arrangements for children who are not in school.", None, ""),
    ]:
        rec = recommendation_add(actor=admin, review=national, text=text)
        if relevance:
            recommendation_assess(actor=admin, recommendation=rec, relevance=relevance, response=response,
                                  assessed_on=today - timedelta(days=200), today=today)
    tags_set(actor=admin, target=national, themes=[themes["information_sharing"], themes["risk_assessment"]],
             source="national", year=(today - timedelta(days=400)).year)
    sar = other_review_create(
        actor=admin, partnership=partnership, kind="sar", title="Safeguarding adult review: Adult M (fictional)",
        commissioning_body="Northmoor Safeguarding Adults Board", legal_basis="Care Act 2014 s44",
        criteria_basis="discretionary", summary="The mother's own care and support needs (fictional).")
    review_link_add(actor=admin, review=lcspr, other=sar, kind="parallel",
                    note="Same family; think family: findings shared between the two reviews.")
    as_of = today.replace(month=6, day=30) if today.month > 6 else today.replace(year=today.year - 1, month=6, day=30)
    for dimension, category, count in [("sex", "Female", 31000), ("sex", "Male", 32500),
                                       ("ethnicity", "White British", 48000), ("ethnicity", "Mixed", 5200),
                                       ("ethnicity", "Asian or Asian British", 6100)]:
        baseline_save(actor=admin, partnership=partnership, dimension=dimension, category=category, count=count,
                      source="Fictional mid-year estimate", as_of=as_of)


def _notification(admin, group, reference, received, harm_types, summary):
    return notification_record(actor=admin, group=group, notification={
        "reference": reference, "local_authority": "Northmoor Council",
        "incident_date": received - timedelta(days=4), "la_aware_date": received - timedelta(days=3),
        "sin_submitted_date": received - timedelta(days=1), "received_date": received,
        "nature": "serious_harm", "harm_types": harm_types, "summary": summary,
    }, children=[{"pseudonym": "Child A", "age_years": 2, "sex": "female", "ethnicity": "Mixed",
                  "legal_status": "child_in_need", "in_main_list": True}])
