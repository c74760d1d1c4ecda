"""Notifications of serious incidents and the children they concern."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Group, Partnership


class Nature(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"
    OTHER = "other", "Other"


class HarmType(models.TextChoices):
    PHYSICAL = "physical_abuse", "Physical abuse"
    SEXUAL = "sexual_abuse", "Sexual abuse"
    EMOTIONAL = "emotional_abuse", "Emotional abuse"
    NEGLECT = "neglect", "Neglect"
    NON_ACCIDENTAL_INJURY = "non_accidental_injury", "Non-accidental injury"
    EXTRA_FAMILIAL = "extra_familial_harm", "Extra-familial harm (exploitation)"
    SELF_HARM = "self_harm_suicide", "Self-harm or suicide"
    SUDI = "sudi", "Sudden unexpected death in infancy"
    OTHER = "other", "Other"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class LegalStatus(models.TextChoices):
    LOOKED_AFTER = "looked_after", "Looked after"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    EARLY_HELP = "early_help", "Early help"
    CARE_LEAVER = "care_leaver", "Care leaver"
    NONE = "none", "None of these"
    NOT_KNOWN = "not_known", "Not known"


class Notification(models.Model):
    """A serious incident notification (SIN). One per incident; its rapid review is opened with it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="notifications")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="notifications",
                              help_text="The group that runs the rapid review.")
    reference = models.CharField(max_length=60)
    local_authority = models.CharField(max_length=200)
    incident_date = models.DateField()
    la_aware_date = models.DateField("date the local authority became aware")
    sin_submitted_date = models.DateField("date sent to the Panel")
    received_date = models.DateField("date the partnership received it")
    nature = models.CharField(max_length=20, choices=Nature.choices)
    harm_types = models.JSONField(default=list, blank=True)
    summary = models.TextField("brief summary of the incident")
    further_information = models.TextField(blank=True)
    cross_border_partnership = models.CharField(max_length=200, blank=True,
                                                help_text="The child's home partnership, if another area.")
    ofsted_sos_required = models.BooleanField(default=False)
    ofsted_sos_told_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"], name="notification_reference")]

    def __str__(self) -> str:
        return f"Notification {self.reference}"


class Child(models.Model):
    """A child named in a notification, known everywhere by pseudonym; the real identity is kept apart."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveSmallIntegerField()
    in_main_list = models.BooleanField(default=True)
    pseudonym = models.CharField(max_length=60, help_text='For example, "Child A"')
    unborn = models.BooleanField(default=False)
    age_years = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices)
    ethnicity = models.CharField(max_length=100)
    religion = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    disability = models.CharField("disability or SEND", max_length=200, blank=True)
    legal_status = models.CharField(max_length=30, choices=LegalStatus.choices)

    class Meta:
        ordering = ["notification", "position"]
        constraints = [models.UniqueConstraint(fields=["notification", "position"], name="child_position")]

    def __str__(self) -> str:
        return self.pseudonym


class IdentityRecord(models.Model):
    """The real identity behind a pseudonym: restricted, and every read is audited."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="identity")
    full_name = models.CharField(max_length=200)
    other_names = models.CharField(max_length=300, blank=True, help_text="Known-as names and spellings.")
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Identity of {self.child}"
