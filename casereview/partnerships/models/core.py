"""Partnerships, their agencies and people, the groups they run and who sits on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from casereview.domain.partners import StatutoryPartner


class Partnership(models.Model):
    """A local safeguarding children partnership; every other record belongs to one."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    local_authority_area = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    LA_CHILDRENS_SERVICES = "la_childrens_services", "Local authority children's services"
    POLICE = "police", "Police"
    HEALTH_ICB = "health_icb", "Health (Integrated Care Board)"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    LEGAL = "legal", "Legal services"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


# The three statutory safeguarding partners (Children Act 2004 s16E); education is not one.
STATUTORY_KINDS = {
    AgencyKind.LA_CHILDRENS_SERVICES: StatutoryPartner.LOCAL_AUTHORITY,
    AgencyKind.POLICE: StatutoryPartner.POLICE,
    AgencyKind.HEALTH_ICB: StatutoryPartner.HEALTH,
}


class Agency(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=AgencyKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="agency_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def statutory_partner(self) -> StatutoryPartner | None:
        return STATUTORY_KINDS.get(self.kind)


class Person(models.Model):
    """Someone who takes part in the partnership's work; may or may not have a sign-in."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="people")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name


class GroupKind(models.TextChoices):
    SUBGROUP = "subgroup", "Subgroup"
    RAPID_REVIEW_GROUP = "rapid_review_group", "Rapid review group"


class Group(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=GroupKind.choices)
    slug = models.SlugField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "slug"], name="group_unique_slug")]

    def __str__(self) -> str:
        return self.name


class ChairRole(models.TextChoices):
    NONE = "", "Not a chair"
    CHAIR = "chair", "Chair"
    CO_CHAIR = "co_chair", "Co-chair"


class Membership(models.Model):
    """A person's seat on a group: the role they hold, whom they represent, and for how long."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role_title = models.CharField(max_length=200)
    role_key = models.SlugField(max_length=80, blank=True, help_text="The terms-of-reference role this seat fills.")
    represents = models.CharField(
        max_length=20, choices=[(p.value, p.label.capitalize()) for p in StatutoryPartner], blank=True
    )
    chair = models.CharField(max_length=10, choices=ChairRole.choices, blank=True, default="")
    deputy = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="deputy_for"
    )
    co_opted = models.BooleanField(default=False)
    co_opted_for = models.CharField(
        max_length=200, blank=True, help_text="The case or purpose a co-opted member joins for."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["group", "role_title", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
            models.CheckConstraint(condition=~Q(deputy=models.F("person")), name="membership_deputy_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role_title} ({self.group})"

    def is_current(self, on) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Role(models.TextChoices):
    BUSINESS_TEAM = "business_team", "Business team"
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Group member"
    AGENCY_CONTRIBUTOR = "agency_contributor", "Agency contributor"
    SCRUTINEER = "scrutineer", "Independent scrutineer"


class Access(models.Model):
    """A user's role in one partnership. System administrators are Django superusers instead."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accesses")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="accesses")
    role = models.CharField(max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, help_text="For agency contributors: their agency."
    )

    class Meta:
        verbose_name_plural = "accesses"
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership", "role"], name="access_unique_role"),
            models.CheckConstraint(
                condition=~Q(role="agency_contributor") | Q(agency__isnull=False),
                name="access_contributor_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.partnership})"
