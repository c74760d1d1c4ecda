"""The attendance form: one row per invited person (and anyone already recorded), plus rows to add others.

Choices are built once from lists, so the table renders without a query per row; the service decides
whether the rows make sense (meetings.attendance_services.attendance_problems).
"""

from __future__ import annotations

from django import forms

from casereview.web.forms import GovForm

from .models.meeting import AttendanceStatus

EXTRA_ROWS = 3
STATUS_CHOICES = [
    ("", "Choose"),
    (AttendanceStatus.PRESENT.value, "Present"),
    (AttendanceStatus.DEPUTY.value, "Deputy attending for a member"),
    (AttendanceStatus.CO_OPTED.value, "Co-opted (does not count towards quorum)"),
    (AttendanceStatus.APOLOGIES.value, "Apologies"),
    (AttendanceStatus.ABSENT.value, "Absent"),
]


def _select(choices, *, label: str, required: bool = False, initial=None, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=required, initial=initial,
                             widget=forms.Select(attrs={"class": "govuk-select govuk-!-width-full"}), **kwargs)


class AttendanceForm(GovForm):
    """`fixed` rows are {"person", "status", "attending_for", "note"}; `people` and `seats` are lists."""

    def __init__(self, *args, fixed: list[dict], people: list, seats: list, extra: int = EXTRA_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(p.pk): p for p in people}
        self._seats = {str(s.pk): s for s in seats}
        self._fixed = fixed
        self._extra = extra
        seat_choices = [("", "Not a deputy")] + [
            (str(s.pk), f"{s.person.full_name} — {s.role_title}") for s in seats]
        fixed_ids = {str(row["person"].pk) for row in fixed}
        person_choices = [("", "Choose a person")] + [
            (str(p.pk), f"{p.full_name} ({p.agency.name})") for p in people if str(p.pk) not in fixed_ids]
        for row in fixed:
            person = row["person"]
            self.fields[f"status_{person.pk}"] = _select(
                STATUS_CHOICES, label=f"Attendance of {person.full_name}", required=True, initial=row.get("status"),
                error_messages={"required": f"Say whether {person.full_name} was present, a deputy, co-opted, sent "
                                            "apologies or was absent"})
            seat = row.get("attending_for")
            self.fields[f"for_{person.pk}"] = _select(seat_choices, label=f"Member {person.full_name} attended for",
                                                      initial=str(seat.pk) if seat else "")
        for n in range(extra):
            self.fields[f"person_new{n}"] = _select(person_choices, label=f"Another person ({n + 1})")
            self.fields[f"status_new{n}"] = _select(STATUS_CHOICES, label=f"Attendance of another person ({n + 1})")
            self.fields[f"for_new{n}"] = _select(seat_choices, label=f"Member another person ({n + 1}) attended for")

    def _keys(self) -> list[tuple[str, object]]:
        return [(str(row["person"].pk), row["person"]) for row in self._fixed] + [
            (f"new{n}", None) for n in range(self._extra)]

    def clean(self):
        data = super().clean()
        for key, person in self._keys():
            status = data.get(f"status_{key}")
            if person is None:
                chosen = data.get(f"person_{key}")
                if chosen and not status and f"status_{key}" not in self.errors:
                    self.add_error(f"status_{key}", "Say whether this person was present, a deputy, co-opted, "
                                                    "sent apologies or was absent")
                if status and not chosen and f"person_{key}" not in self.errors:
                    self.add_error(f"person_{key}", "Choose who this row is about, or clear its attendance")
                person = self._people.get(chosen or "")
            if status == AttendanceStatus.DEPUTY and not data.get(f"for_{key}") and f"for_{key}" not in self.errors:
                name = person.full_name if person else "this person"
                self.add_error(f"for_{key}", f"Choose the member {name} attended for")
        return data

    def rows(self) -> list[dict]:
        """The filled rows for the service: {"person", "status", "attending_for" (a seat, for a deputy)}."""
        rows = []
        for key, person in self._keys():
            status = self.cleaned_data.get(f"status_{key}")
            person = person or self._people.get(self.cleaned_data.get(f"person_{key}") or "")
            if person is None or not status:
                continue
            seat = self._seats.get(self.cleaned_data.get(f"for_{key}") or "")
            rows.append({"person": person, "status": status,
                         "attending_for": seat if status == AttendanceStatus.DEPUTY else None})
        return rows

    def table(self) -> list[dict]:
        """The rows for the template: the person (or a chooser), the status and the seat, with any note."""
        table = []
        for key, person in self._keys():
            note = next((row.get("note", "") for row in self._fixed if row["person"] is person), "")
            table.append({"person": person, "note": note, "chooser": None if person else self[f"person_{key}"],
                          "status": self[f"status_{key}"], "seat": self[f"for_{key}"]})
        return table
