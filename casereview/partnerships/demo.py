"""A fictional partnership with both seed groups fully populated, and one demo user per role.

Every name here is invented. The loader is idempotent: if the demo partnership exists it changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from casereview.accounts.totp import totp_enrol_known_secret
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.presets import load_preset

from . import services
from .models import AgencyKind, ChairRole, GroupKind, Partnership, Role
from .terms_services import terms_version_create

PARTNERSHIP = "Northmoor and Eastbridge Safeguarding Children Partnership"
DEMO_PASSWORD = "northmoor-demo-2026"
# A fixed, publicly known key: demo accounts are for local demonstration only (see `manage.py demo_code`).
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
START = date(2024, 4, 1)

AGENCIES = [
    ("Northmoor Council Children's Services", AgencyKind.LA_CHILDRENS_SERVICES),
    ("Northmoor Constabulary", AgencyKind.POLICE),
    ("Northmoor and Eastbridge Integrated Care Board", AgencyKind.HEALTH_ICB),
    ("Eastbridge Community Health NHS Trust", AgencyKind.HEALTH_PROVIDER),
    ("Northmoor Education Service", AgencyKind.EDUCATION),
    ("Riverside Legal Partnership", AgencyKind.LEGAL),
    ("Northmoor Probation Delivery Unit", AgencyKind.PROBATION),
    ("Northmoor Safeguarding Partnership Team", AgencyKind.OTHER),
]

# (key, full name, job title, agency index)
PEOPLE = [
    ("ayla", "Ayla Brennan", "Head of Safeguarding and Quality Assurance", 0),
    ("tomasz", "Tomasz Reid", "Service Manager, Children's Social Care", 0),
    ("devon", "Devon Okafor", "Detective Inspector, Public Protection", 1),
    ("priya", "Priya Lindqvist", "Detective Sergeant, Public Protection", 1),
    ("marcus", "Marcus Achterberg", "Detective Chief Inspector, Protecting Vulnerable People", 1),
    ("helena", "Helena Strand", "Designated Nurse for Safeguarding Children", 2),
    ("farid", "Dr Farid Castellanos", "Designated Doctor for Safeguarding Children", 2),
    ("grace", "Grace Muldoon", "Named Nurse for Safeguarding", 3),
    ("oluwaseun", "Oluwaseun Harte", "Head of Inclusion and Safeguarding in Education", 4),
    ("imogen", "Imogen Tate", "Director of Integrated Children's Services", 0),
    ("rowan", "Rowan Fairweather", "Head of Adult and Child Safeguarding", 2),
    ("bea", "Bea Kowalczyk", "Partnership Team Manager", 7),
    ("lewis", "Lewis Ambrose", "Business Support Officer", 7),
    ("saoirse", "Saoirse Delacroix", "Solicitor, Childcare Team", 5),
    ("kit", "Kit Wynne-Jones", "Deputy Designated Nurse", 2),
    ("noor", "Noor Haddad", "Independent Scrutineer", 7),
]

# Case Review Subgroup, from the Kingston & Richmond terms of reference (October 2023).
SUBGROUP_SEATS = [
    ("ayla", "Children's Services representative", "afc_childrens_services", "local_authority", ChairRole.CO_CHAIR,
     "tomasz"),
    ("devon", "Detective Inspector", "detective_inspector_mps", "police", "", "priya"),
    ("helena", "Designated Nurse for Safeguarding Children", "designated_nurse", "health", ChairRole.CO_CHAIR, "kit"),
    ("farid", "Designated Doctor for Safeguarding Children", "designated_doctor", "health", "", None),
    ("grace", "Named Nurse for Safeguarding (health provider)", "named_nurses_health_providers", "health", "", None),
    ("oluwaseun", "Education representative", "education", "", "", None),
]
# Rapid Review Group, from the Kent terms of reference (May 2020).
RAPID_REVIEW_SEATS = [
    ("imogen", "Director Integrated Children's Services (Chair)", "director_ics", "local_authority", ChairRole.CHAIR,
     "ayla"),
    ("marcus", "Detective Superintendent/Detective Chief Inspector, PVP", "police_pvp", "police", "", "devon"),
    ("rowan", "Head of Adult and Child Safeguarding (ICB)", "head_of_safeguarding_ccg", "health", "", "helena"),
    ("farid", "Designated Doctor/Designated Nurse", "designated_doctor_nurse", "health", "", "helena"),
    ("bea", "Partnership Team Manager", "partnership_team_manager", "", "", "lewis"),
]

# (username, first, last, role, person key for the user's own record, contributor agency index)
USERS = [
    ("business.manager", "Bea", "Kowalczyk", Role.BUSINESS_TEAM, "bea", None),
    ("chair", "Imogen", "Tate", Role.CHAIR, "imogen", None),
    ("member", "Devon", "Okafor", Role.MEMBER, "devon", None),
    ("contributor", "Priya", "Lindqvist", Role.AGENCY_CONTRIBUTOR, "priya", 1),
    ("scrutineer", "Noor", "Haddad", Role.SCRUTINEER, "noor", None),
]
ADMIN_USERNAME = "sysadmin"


def demo_exists() -> bool:
    return Partnership.objects.filter(name=PARTNERSHIP).exists()


@transaction.atomic
def load_demo(*, with_meetings: bool = False) -> bool:
    """Load the demo partnership; return False (and change nothing) if it is already there.

    `with_meetings` adds governance history (meetings, minutes, actions, an escalation): `make run` asks for it;
    tests that only need the partnership leave it out and stay fast."""
    if demo_exists():
        return False
    admin = _user(ADMIN_USERNAME, "Sam", "Administrator", superuser=True)
    partnership = services.partnership_create(actor=admin, name=PARTNERSHIP, short_name="NESCP",
                                              local_authority_area="Northmoor and Eastbridge (fictional)")
    agencies = [services.agency_create(actor=admin, partnership=partnership, name=n, kind=k) for n, k in AGENCIES]
    people = {
        key: services.person_create(actor=admin, partnership=partnership, agency=agencies[i], full_name=name,
                                    job_title=title, email=f"{key}@northmoor.example")
        for key, name, title, i in PEOPLE
    }
    subgroup = _group(admin, partnership, "Case Review Subgroup", GroupKind.SUBGROUP, SUBGROUP_SEATS, people)
    rapid = _group(admin, partnership, "Rapid Review Group", GroupKind.RAPID_REVIEW_GROUP, RAPID_REVIEW_SEATS, people)
    services.membership_create(actor=admin, group=rapid, person=people["saoirse"], role_title="Co-opted legal adviser",
                               start_date=START, co_opted=True, co_opted_for="Rapid reviews needing legal advice")
    _terms(admin, subgroup, rapid)
    for username, first, last, role, person_key, agency_index in USERS:
        user = _user(username, first, last)
        services.access_grant(actor=admin, user=user, partnership=partnership, role=role,
                              agency=agencies[agency_index] if agency_index is not None else None)
        services.person_update(actor=admin, person=people[person_key], email=user.email, user=user)
    if with_meetings:
        from casereview.learning.demo import load_learning_demo
        from casereview.meetings.demo import load_meetings_demo

        load_meetings_demo(admin, partnership)
        load_learning_demo(admin, partnership)
    return True


def _group(admin, partnership, name, kind, seats, people):
    group = services.group_create(actor=admin, partnership=partnership, name=name, kind=kind)
    for key, role_title, role_key, represents, chair, deputy in seats:
        services.membership_create(actor=admin, group=group, person=people[key], role_title=role_title,
                                   role_key=role_key, represents=represents, chair=chair,
                                   deputy=people[deputy] if deputy else None, start_date=START)
    return group


def _terms(admin, subgroup, rapid):
    """Give each group its seed's terms of reference, adapted to the demo partnership's names."""
    for group, slug, effective in ((subgroup, "kingston-richmond-case-review-subgroup", date(2023, 10, 1)),
                                   (rapid, "kent-rapid-review-group", date(2020, 5, 1))):
        document = {**load_preset(slug), "partnership_name": PARTNERSHIP, "group_name": group.name}
        terms_version_create(actor=admin, group=group, document=document, effective_from=effective,
                             change_note="Adopted from the partnership's published terms of reference.")
    reviewed = {**load_preset("kingston-richmond-case-review-subgroup"), "partnership_name": PARTNERSHIP,
                "group_name": subgroup.name, "last_reviewed_on": "2026-01-20"}
    terms_version_create(actor=admin, group=subgroup, document=reviewed, effective_from=date(2026, 2, 1),
                         change_note="Annual review, January 2026: rules unchanged; review date recorded.")


def _user(username, first, last, superuser=False):
    user_model = get_user_model()
    user = user_model.objects.create_user(
        username=username, email=f"{username}@northmoor.example", password=DEMO_PASSWORD,
        first_name=first, last_name=last, is_superuser=superuser, is_staff=superuser,
    )
    totp_enrol_known_secret(user, DEMO_TOTP_KEY)
    audit_record(actor=None, verb=Verb.CREATED, target=user, changes={"username": [None, username]})
    return user


def sign_in_help() -> str:
    """Return the text that tells a newcomer how to sign in as each demo user."""
    lines = [f"Demo users (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {username:<18} {role.label}" for username, _f, _l, role, _p, _a in USERS]
    lines.append(f"  {ADMIN_USERNAME:<18} System administrator")
    lines.append("Each is enrolled for two-factor sign-in already. For the 6-digit code, run:")
    lines.append("  .venv/bin/python manage.py demo_code business.manager")
    return "\n".join(lines)
