"""Meetings of a group, with who attended and in what capacity."""

from django.db import models

from casereview.partnerships.models import Group, Membership, Partnership, Person


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="meetings")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=20, choices=[("business", "Business"), ("rapid_review", "Rapid review"),
                                                    ("extraordinary", "Extraordinary")])
    starts_at = models.DateTimeField()
    mode = models.CharField(max_length=20, choices=[("in_person", "In person"), ("virtual", "Virtual")])
    place = models.CharField(max_length=300, blank=True)
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="meetings")

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.group} meeting on {self.starts_at:%d %B %Y}"


class Attendance(models.Model):
    """One person at one meeting: in person, for a member as their deputy, co-opted, or sending apologies."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=[("present", "Present"), ("deputy", "Deputy attending"),
                                                      ("apologies", "Apologies"), ("absent", "Absent")])
    attending_for = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"
