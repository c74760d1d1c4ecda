"""A meeting of a group, who was invited to it, and who attended in what capacity."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from casereview.domain.governance_lifecycle import MEETING, MeetingStatus
from casereview.partnerships.models import Group, Membership, Partnership, Person


class MeetingKind(models.TextChoices):
    BUSINESS = "business", "Business"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    EXTRAORDINARY = "extraordinary", "Extraordinary"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"


class Meeting(models.Model):
    """Times are stored in UTC and shown in Europe/London (settings.TIME_ZONE)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="meetings")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    title = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(default=120)
    mode = models.CharField(max_length=20, choices=MeetingMode.choices)
    place = models.CharField(max_length=300, blank=True)
    link = models.URLField(max_length=500, blank=True, help_text="The joining link of a virtual meeting.")
    chairs = models.ManyToManyField(Person, blank=True, related_name="chaired_meetings")
    status = models.CharField(max_length=20, choices=[(s.value, MEETING.label(s)) for s in MeetingStatus],
                              default=MeetingStatus.SCHEDULED.value)
    cancelled_reason = models.TextField(blank=True)
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="meetings")
    # iCalendar identity: one UID for the life of the meeting, SEQUENCE raised on every change sent out.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    # When the agenda was first circulated (papers sent later have their own circulation records).
    agenda_circulated_at = models.DateTimeField(null=True, blank=True)
    # The quorum verdict when the meeting was marked held; decisions of an inquorate meeting need ratifying.
    quorate = models.BooleanField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "group", "starts_at"])]

    def __str__(self) -> str:
        day = timezone.localtime(self.starts_at).date()  # the UK date, which can differ from the UTC one
        return f"{self.group} {self.get_kind_display().lower()} meeting on {day.day} {day:%B %Y}"


def meeting_day(meeting: Meeting):
    """The meeting's date in Europe/London (the day its clocks count from and its terms are read on)."""
    return timezone.localdate(meeting.starts_at)


class InvitationResponse(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    APOLOGIES = "apologies", "Sent apologies"


class Invitation(models.Model):
    """One person invited to one meeting; a deputy invited for a member points at the member's seat."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    seat = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             help_text="The member's seat this person is invited to fill (their own, or as deputy).")
    as_deputy = models.BooleanField(default=False)
    response = models.CharField(max_length=20, choices=InvitationResponse.choices, default=InvitationResponse.INVITED)
    deputy_named = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     help_text="With apologies: who the member asks to attend in their place.")
    sent_sequence = models.IntegerField(default=-1, help_text="The meeting SEQUENCE last e-mailed; -1 never sent.")
    sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["person__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.person} invited to {self.meeting}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    DEPUTY = "deputy", "Deputy attending"
    CO_OPTED = "co_opted", "Co-opted"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    """One person at one meeting: in person, for a member as their deputy, co-opted, apologies or absent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    attending_for = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"
