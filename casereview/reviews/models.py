"""Rapid reviews and everything recorded inside one, from the first agency request to the Panel's feedback."""

from django.conf import settings
from django.db import models

from casereview.domain.clocks import StartEvent
from casereview.domain.lifecycle import RAPID_REVIEW_LABELS
from casereview.domain.terms_english import start_event_label
from casereview.incidents.models import Notification
from casereview.partnerships.models import Agency, Group, Partnership, TermsVersion

STATUS_CHOICES = [(status.value, label) for status, label in RAPID_REVIEW_LABELS.items()]
_STATUS_LABELS = dict(STATUS_CHOICES)
PARTNER_CHOICES = [("local_authority", "Local authority"), ("police", "Police"), ("health", "Health")]


class RapidReview(models.Model):
    """The 15-working-day review of a notification, timed by the group's terms of reference.

    The due date is computed once, from the start event, the clock and the calendar, and stored with the
    terms version that produced it: later changes to the terms never move it.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="rapid_reviews")
    notification = models.OneToOneField(Notification, on_delete=models.PROTECT, related_name="rapid_review")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="rapid_reviews")
    status = models.CharField(max_length=30, choices=STATUS_CHOICES, default="notified")
    terms_version = models.ForeignKey(TermsVersion, on_delete=models.PROTECT, related_name="+")
    clock_id = models.CharField(max_length=40, default="rr")
    clock_start_event = models.CharField(max_length=40)
    clock_started_on = models.DateField()
    due_date = models.DateField()
    withdrawn_reason = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        # A partnership's reviews in due-date order (the lists and the API) are read from the index, 50 at a time,
        # rather than all joined and sorted.
        # The count of the open list's reviews reads the open ones alone: through the first index it stepped over
        # every closed review of the partnership's history (found by the benchmark). The planner may also read the
        # open list through it and sort its few rows.
        indexes = [models.Index(fields=["partnership", "due_date", "id"], name="rapidreview_partnership_due"),
                   models.Index(fields=["partnership", "status", "due_date", "id"], name="rapidreview_status_due")]

    def __str__(self) -> str:
        return f"Rapid review of {self.notification.reference}"

    def get_status_display(self) -> str:
        """The status in words. Django's own flattens and hashes every choice on each call: a tenth of each row's
        cost on the rapid review list (found by the benchmark)."""
        return _STATUS_LABELS.get(self.status, self.status)

    @property
    def clock_start_label(self) -> str:
        """The event that started the clock, in words ("the notification being sent to the Panel")."""
        return start_event_label(StartEvent(self.clock_start_event))


class StatusChange(models.Model):
    """One step of a review's lifecycle, for its timeline."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="status_changes")
    before = models.CharField(max_length=30, choices=STATUS_CHOICES, blank=True)
    after = models.CharField(max_length=30, choices=STATUS_CHOICES)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.before or 'new'} → {self.after}"


class Milestone(models.Model):
    """A working date inside the review (returns due, meeting, sign-off); defaults come from the clock."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="milestones")
    key = models.CharField(max_length=30)
    label = models.CharField(max_length=100)
    due_date = models.DateField()
    default_due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["rapid_review", "key"], name="milestone_key")]

    def __str__(self) -> str:
        return f"{self.label} by {self.due_date}"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    REMINDED = "reminded", "Reminded"
    RETURNED = "returned", "Returned"
    NIL_RETURN = "nil_return", "Nil return"


class AgencyRequest(models.Model):
    """A request to one agency for its involvement with the child and family."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="agency_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="requests")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED)
    requested_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["rapid_review", "agency"], name="one_request_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} for {self.rapid_review}"


class AgencyReturn(models.Model):
    """An agency's summary of involvement, as submitted through the secure form."""

    request = models.OneToOneField(AgencyRequest, on_delete=models.CASCADE, related_name="agency_return")
    nil_return = models.BooleanField(default=False)
    involved_from = models.DateField(null=True, blank=True)
    involved_to = models.DateField(null=True, blank=True)
    key_contacts = models.TextField(blank=True)
    practice_episodes = models.TextField(blank=True)
    went_well = models.TextField(blank=True)
    concerns = models.TextField(blank=True)
    immediate_actions = models.TextField(blank=True)
    identity_considerations = models.TextField(blank=True)
    chronology = models.JSONField(default=list, blank=True, help_text='[{"date": "YYYY-MM-DD", "event": "..."}]')
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Return from {self.request.agency}"


class ParallelProcess(models.TextChoices):
    POLICE_INVESTIGATION = "police_investigation", "Police investigation"
    CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal proceedings"
    CORONER = "coroner", "Coroner's inquest"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review"
    DARDR = "dardr", "Domestic abuse related death review"
    SAR = "sar", "Safeguarding adult review"
    FAMILY_PROCEEDINGS = "family_proceedings", "Family court proceedings"


class Outcome(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    NATIONAL = "national_review_recommended", "National review recommended to the Panel"
    SINGLE_AGENCY = "single_agency_review", "Single-agency review"
    LEARNING_EVENT = "learning_event", "Learning event"
    AUDIT = "multi_agency_audit", "Multi-agency audit"
    NO_FURTHER = "no_further_review", "No further review; learning disseminated"


class Decision(models.Model):
    """The group's decision on the case, with a rationale against each criterion."""

    rapid_review = models.OneToOneField(RapidReview, on_delete=models.CASCADE, related_name="decision")
    decided_on = models.DateField()
    immediate_actions = models.TextField()
    learning_so_far = models.TextField()
    identity_and_inequalities = models.TextField()
    household_context = models.TextField(blank=True, help_text="Household and family, including fathers and male "
                                                               "carers.")
    childs_voice = models.TextField(blank=True, help_text="The child's voice and the family's views.")
    parallel_processes = models.JSONField(default=list, blank=True)
    parallel_notes = models.TextField(blank=True)
    criteria = models.JSONField(default=dict, help_text='{"a": {"answer": "yes", "rationale": "..."}, ...}')
    outcome = models.CharField(max_length=40, choices=Outcome.choices)
    methodology = models.CharField(max_length=100, blank=True)
    national_review_rationale = models.TextField(blank=True)
    dissent = models.TextField(blank=True)
    escalated_to_slg = models.BooleanField(default=False)
    needs_ratification = models.BooleanField(default=False, help_text="Decided at an inquorate meeting.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Decision on {self.rapid_review}"


class SignOff(models.Model):
    """One statutory partner's sign-off of the decision."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="sign_offs")
    partner = models.CharField(max_length=20, choices=PARTNER_CHOICES)
    signed_by = models.CharField(max_length=200)
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rapid_review", "partner"], name="one_sign_off_per_partner")]

    def __str__(self) -> str:
        return f"{self.get_partner_display()} sign-off"


class Submission(models.Model):
    """The rapid review report as sent to the Panel, and the Panel's feedback when it comes."""

    rapid_review = models.OneToOneField(RapidReview, on_delete=models.CASCADE, related_name="submission")
    sent_on = models.DateField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    panel_meeting_date = models.DateField(null=True, blank=True)
    feedback_expected_on = models.DateField(null=True, blank=True)
    feedback_outcome = models.CharField(max_length=20, blank=True, choices=[
        ("agrees", "Agrees with the decision"), ("disagrees", "Disagrees"), ("more_information", "Asks for more"),
    ])
    feedback_received_on = models.DateField(null=True, blank=True)
    feedback_summary = models.TextField(blank=True)
    feedback_shared_on = models.DateField(null=True, blank=True)
    follow_on_actions = models.TextField(blank=True, help_text="What the partnership will do after the feedback.")

    def __str__(self) -> str:
        return f"Submission of {self.rapid_review}"


class PackDistribution(models.Model):
    """Who received the collated pack, and when."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="pack_distributions")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    pack_sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Pack to {self.recipient}"


class Attachment(models.Model):
    """A file attached to an agency's return; its type is checked from its content, not its name.

    Replacing a file adds a new row that `replaces` the one before it (version 2, 3, ...); earlier versions keep
    their file and stay downloadable. The current version is the one nothing replaces."""

    request = models.ForeignKey(AgencyRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="returns/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    # SET_NULL: the services never remove an earlier version, but a retention deletion of an old version may;
    # the later version then stays current and keeps its number.
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="replaced_by")

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
