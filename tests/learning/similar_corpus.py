"""A fictional corpus of earlier reviews across themes, new cases that should each bring one of them to mind
first, an unrelated case, and later reviews that must never be listed for a case that came in before them.

Every name, place and event here is invented."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from casereview.incidents.services import notification_record
from casereview.learning.models import Finding, Recommendation, Review, TaxonomyVersion, Theme, ThemeTag
from casereview.partnerships.models import Group
from casereview.reviews.models import Decision

THEMES_FILE = Path(__file__).resolve().parents[2] / "casereview/domain/data/themes_v1.json"
SOURCE = {"lcspr": "lcspr", "national": "national", "sar": "adult_review", "darr": "adult_review",
          "single_agency": "single_agency", "audit": "audit"}

# key, kind, title, dated (decision or publication), themes, summary, findings, recommendations
EARLIER = [
    ("sudi_sofa", "lcspr", "Child Q: sudden unexpected death of an infant while co-sleeping", date(2021, 5, 4),
     ["sudi", "substance_misuse", "think_family"],
     "A ten-week-old baby died while co-sleeping on a sofa with a parent who had been drinking alcohol. Safer "
     "sleep advice was given by the midwife but not repeated by the health visitor when the family moved to "
     "temporary accommodation.",
     ["Safer sleep advice was not revisited when the family's circumstances changed: a move to temporary "
      "accommodation and alcohol use.", "The father was never spoken to about safer sleep on a sofa."],
     ["Health visitors repeat the safer sleep conversation at every move of home and whenever alcohol or drug "
      "use is known."]),
    ("sudi_national", "national", "Sleeping safely: a national review of sudden infant deaths (fictional)",
     date(2020, 7, 1), ["sudi", "fathers"],
     "Babies who died suddenly and unexpectedly, most while sharing a sleep surface with a parent in families "
     "under stress.", ["Safer sleep messages rarely reached fathers."],
     ["A whole-family approach to safer sleep that reaches fathers and male carers."]),
    ("nai_bruising", "lcspr", "Baby R: injuries to a non-mobile baby", date(2022, 2, 14),
     ["nai_babies", "fathers", "professional_curiosity"],
     "Bruising to a five-month-old non-mobile baby was seen by a GP and accepted as accidental. Two weeks later "
     "the baby was admitted with fractures. The mother's new partner was not known to professionals.",
     ["Bruising in a non-mobile baby was not referred under the bruising protocol.",
      "The new partner in the household was invisible to the health visitor and the GP."],
     ["Every agency applies the protocol for bruising in non-mobile babies, with a referral to children's "
      "social care."]),
    ("men_national", "national", "Men who care: fathers and male carers in reviews of harmed babies (fictional)",
     date(2021, 9, 1), ["fathers", "nai_babies"],
     "Fathers and male carers were rarely seen, assessed or involved by professionals in the lives of babies "
     "who were harmed.", ["Services were organised around mothers."],
     ["Record and assess every man in a baby's life."]),
    ("county_lines", "lcspr", "Child S: criminal exploitation and county lines", date(2022, 6, 20),
     ["extra_familial_harm", "not_in_school", "transitions"],
     "A fifteen-year-old boy excluded from school was found carrying drugs in another county and was later "
     "stabbed. He went missing repeatedly and was treated as an offender rather than a victim of criminal "
     "exploitation.",
     ["Missing episodes were not linked to the risk of exploitation.",
      "The move from mainstream school to alternative provision left him without a trusted adult."],
     ["Return home interviews after every missing episode feed the exploitation panel."]),
    ("online_cse", "single_agency", "Police response to the online sexual exploitation of a girl", date(2023, 3, 9),
     ["extra_familial_harm", "childs_voice"],
     "A thirteen-year-old girl was groomed online through social media by adult men. Her reports to the police "
     "were not linked, and she was described as making choices.",
     ["Language that blamed the child, such as 'putting herself at risk', shaped the response."],
     ["Officers use the child-centred language guide and link online grooming reports."]),
    ("dental_neglect", "lcspr", "Child T: chronic neglect, dental decay and poor school attendance",
     date(2021, 11, 2), ["neglect", "childs_voice", "information_sharing"],
     "A seven-year-old had untreated dental decay, head lice and persistent absence from school. Concerns "
     "raised by the school over several years were not brought together and the cumulative harm of neglect was "
     "lost.",
     ["Each agency saw part of the picture and no one held the chronology of neglect.",
      "Missed dental and health appointments were not followed up."],
     ["Use the graded care profile to assess neglect and keep a multi-agency chronology."]),
    ("neglect_audit", "audit", "Multi-agency audit of neglect: home conditions and starting again",
     date(2022, 10, 1), ["neglect", "critical_thinking"],
     "An audit of twenty neglect cases found cases closed and reopened without their history, and home "
     "conditions that improved briefly before each review and then declined.",
     ["Start-again syndrome: each referral was treated as new."], ["Read the history before closing a case."]),
    ("darr_coercive", "darr", "Domestic abuse related death review: Ms U", date(2020, 4, 15),
     ["domestic_abuse", "think_family", "information_sharing"],
     "A mother was killed by her former partner. Her children had lived with coercive control for years and "
     "MARAC information was not shared with the school or the GP.",
     ["Coercive control was not recognised as domestic abuse."],
     ["MARAC actions are shared with schools through Operation Encompass notifications."]),
    ("mental_health_da", "lcspr", "Child V: domestic abuse and a parent's mental health crisis",
     date(2023, 1, 23), ["domestic_abuse", "parental_mental_health", "information_sharing"],
     "A two-year-old was seriously injured by a parent during a psychotic episode. The police had attended "
     "several domestic abuse incidents, and the adult mental health team did not know there were children in "
     "the home.",
     ["Adult mental health services did not think family or ask about children."],
     ["Adult mental health services record the children in the household and share risk with children's "
      "social care."]),
    ("suicide", "lcspr", "Child W: the suicide of a young person after repeated self-harm", date(2022, 8, 8),
     ["child_mental_health_suicide", "transitions", "childs_voice"],
     "A sixteen-year-old girl died by suicide after repeated self-harm and long waits for CAMHS. Her transition "
     "from CAMHS to adult services was unplanned.",
     ["Repeated A&E attendances for self-harm were not seen as escalating risk."],
     ["Emergency department self-harm attendances by under-18s are shared with the school nurse and CAMHS."]),
    ("care_leaver_sar", "sar", "Safeguarding adult review: Mr X, a care leaver", date(2021, 3, 30),
     ["looked_after", "substance_misuse", "transitions"],
     "A nineteen-year-old care leaver died of an overdose in supported accommodation after contact with his "
     "personal adviser lapsed.", ["Leaving care support ended abruptly at eighteen."],
     ["Personal advisers keep contact through moves of accommodation."]),
    ("ehe", "lcspr", "Child Y: a child missing education after withdrawal to home education", date(2022, 12, 5),
     ["not_in_school", "childs_voice"],
     "A ten-year-old was withdrawn from school to elective home education days after a referral to children's "
     "social care and was not seen by any professional for eighteen months.",
     ["Elective home education was used to avoid professional contact."],
     ["Schools tell the local authority before a child on a plan is removed from the roll for home education."]),
    ("disabled_national", "national", "Safeguarding disabled children in residential settings (fictional)",
     date(2022, 10, 25), ["disability", "institutional_settings", "leadership_culture"],
     "Disabled children living in residential special schools were abused by staff; leaders did not listen "
     "to children who communicated without words.", ["Children's communication needs were not understood."],
     ["Every residential setting has an independent visitor who can communicate with each child."]),
]

# An earlier rapid review with a decision (reference, received, decided, harm types, summary, learning so far).
EARLIER_RAPID = ("SIN-CORPUS-EARLIER", date(2023, 4, 3), date(2023, 4, 20), ["other"],
                 "A toddler swallowed methadone left within reach at home; both parents were in drug treatment.",
                 "Drug treatment services did not ask about children in the home or the safe storage of methadone.")

# Reviews dated after every case: never listed for them, however alike.
LATER = [
    ("sudi_later", "lcspr", "Baby Z: a co-sleeping death on a sofa after alcohol", date(2026, 1, 10), ["sudi"],
     "A three-month-old baby found unresponsive on a sofa after sleeping with a father who had been drinking "
     "alcohol; the family had moved to temporary accommodation.", [], []),
]

# New cases: reference, received, harm types, summary, the key of the review that should be listed first.
CASES = [
    ("SIN-C-SUDI", date(2025, 3, 3), ["sudi"],
     "A three-month-old baby was found unresponsive on a sofa where the baby had been sleeping with the father, "
     "who had been drinking alcohol. The family had recently moved to temporary accommodation.", "sudi_sofa"),
    ("SIN-C-NAI", date(2025, 3, 10), ["non_accidental_injury"],
     "A four-month-old non-mobile baby was taken to hospital with bruising to the face and a fractured arm. The "
     "mother's new partner had moved in recently and was not known to the health visitor.", "nai_bruising"),
    ("SIN-C-LINES", date(2025, 4, 1), ["extra_familial_harm"],
     "A fourteen-year-old boy excluded from school and attending alternative provision was stabbed after being "
     "found with drugs far from home. He had been reported missing several times.", "county_lines"),
    ("SIN-C-ONLINE", date(2025, 4, 7), ["extra_familial_harm", "sexual_abuse"],
     "A twelve-year-old girl was groomed online through social media by adult men and sexually abused. Her "
     "earlier reports to the police had not been linked.", "online_cse"),
    ("SIN-C-NEGLECT", date(2025, 5, 6), ["neglect"],
     "A six-year-old with severe dental decay and head lice had poor attendance at school. The school had "
     "raised concerns about neglect for years.", "dental_neglect"),
    ("SIN-C-PSYCHOSIS", date(2025, 5, 12), ["physical_abuse"],
     "A baby was seriously injured by the father during a psychotic episode. The police had been called to "
     "domestic abuse incidents and adult mental health services did not know there was a baby in the home.",
     "mental_health_da"),
    ("SIN-C-SUICIDE", date(2025, 6, 2), ["self_harm_suicide"],
     "A fifteen-year-old boy died by suicide after repeated self-harm and A&E attendances while waiting for "
     "CAMHS.", "suicide"),
    ("SIN-C-EHE", date(2025, 6, 9), ["neglect"],
     "A child withdrawn from school for elective home education was not seen by professionals for a year and "
     "was found malnourished.", "ehe"),
    ("SIN-C-METHADONE", date(2025, 6, 16), ["other"],
     "A two-year-old swallowed methadone at home; the parents were receiving drug treatment.",
     "SIN-CORPUS-EARLIER"),
]
UNRELATED = ("SIN-C-SCAFFOLD", date(2025, 7, 1), ["other"],
             "A seventeen-year-old apprentice fell from scaffolding at a construction site because the employer's "
             "safety equipment was faulty.")


def themes_for(partnership) -> dict[str, Theme]:
    """The DOMAIN.md §6 taxonomy as the partnership's themes (made once)."""
    data = json.loads(THEMES_FILE.read_text())
    version, _ = TaxonomyVersion.objects.get_or_create(partnership=partnership, version=1,
                                                       defaults={"note": "National themes"})
    themes = {}
    for category, key, label in data["themes"]:
        themes[key], _ = Theme.objects.get_or_create(partnership=partnership, key=key, defaults={
            "label": label, "category": category, "added_in": version})
    return themes


def add_review(partnership, themes, row) -> Review:
    key, kind, title, dated, theme_keys, summary, findings, recommendations = row
    dates = {"decision_date": dated} if kind == "lcspr" else {"published_on": dated}
    review = Review.objects.create(partnership=partnership, kind=kind, title=title, reference=key, summary=summary,
                                   status="published" if kind == "lcspr" else "completed", year=dated.year, **dates)
    for number, text in enumerate(findings, start=1):
        Finding.objects.create(review=review, number=number, text=text)
    for number, text in enumerate(recommendations, start=1):
        Recommendation.objects.create(partnership=partnership, review=review, number=number, text=text)
    for theme_key in theme_keys:
        ThemeTag.objects.create(partnership=partnership, theme=themes[theme_key], review=review,
                                source=SOURCE[kind], year=dated.year)
    return review


def open_case(actor, reference, received, harm_types, summary):
    """Record a fictional notification through the real service; return its rapid review."""
    group = Group.objects.get(partnership__accesses__user=actor, name="Rapid Review Group")
    notification = notification_record(actor=actor, group=group, notification={
        "reference": reference, "local_authority": "Northmoor Council", "incident_date": received,
        "la_aware_date": received, "sin_submitted_date": received, "received_date": received,
        "nature": "serious_harm", "harm_types": harm_types, "summary": summary,
    }, children=[{"pseudonym": "Child A", "age_years": 4, "sex": "male", "ethnicity": "Not known",
                  "legal_status": "not_known"}])
    return notification.rapid_review


def decide(rapid_review, decided_on, learning_so_far):
    return Decision.objects.create(rapid_review=rapid_review, decided_on=decided_on, learning_so_far=learning_so_far,
                                   immediate_actions="Safety plans for the siblings.",
                                   identity_and_inequalities="Considered.", outcome="no_further_review")


def load_corpus(partnership, actor) -> dict:
    """Build the corpus; return {"reviews": {key: Review}, "cases": {reference: RapidReview}, ...}."""
    themes = themes_for(partnership)
    reviews = {row[0]: add_review(partnership, themes, row) for row in EARLIER + LATER}
    reference, received, decided, harm, summary, learning = EARLIER_RAPID
    earlier_rapid = open_case(actor, reference, received, harm, summary)
    decide(earlier_rapid, decided, learning)
    cases = {ref: open_case(actor, ref, received, harm, summary) for ref, received, harm, summary, _key in CASES}
    cases[UNRELATED[0]] = open_case(actor, *UNRELATED)
    return {"reviews": reviews, "cases": cases, "earlier_rapid": earlier_rapid, "themes": themes}


def expected_title(key: str, corpus: dict) -> str:
    if key == EARLIER_RAPID[0]:
        return f"Rapid review {key}"
    return corpus["reviews"][key].title
