"""The check of each imported row: what it means, and every reason it cannot be imported. Reads only.

Rows arrive as (spreadsheet row number, {field key: cell text}); each gets a RowVerdict. A row is rejected when a
required value is missing or unreadable, when it names something the partnership has not recorded, when it
repeats an earlier row of the file, or when it repeats a record already imported."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from casereview.actions.models import Action
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import ACTION, ActionStatus
from casereview.partnerships.models import Agency, Membership, Person

from .models import Recommendation, Review, ReviewKind, Theme
from .spreadsheets import excel_serial_date

TITLE_MAX = 300
TEXT_MAX = 5000
FIRST_YEAR = 1990

S = ActionStatus
STATUS_WORDS = {
    "not started": S.NOT_STARTED, "not yet started": S.NOT_STARTED, "new": S.NOT_STARTED,
    "on track": S.ON_TRACK, "in progress": S.ON_TRACK, "ongoing": S.ON_TRACK, "started": S.ON_TRACK,
    "at risk": S.AT_RISK, "delayed": S.AT_RISK, "off track": S.AT_RISK,
    "complete": S.COMPLETE, "completed": S.COMPLETE, "done": S.COMPLETE,
    "closed": S.CLOSED, "signed off": S.CLOSED,
}
OVERDUE_WORD = "overdue"
OVERDUE_MEANS = S.AT_RISK
RAG_WORDS = {"red": "red", "r": "red", "amber": "amber", "a": "amber", "green": "green", "g": "green"}
KIND_WORDS = {
    **{k.value.replace("_", " "): k.value for k in ReviewKind},
    **{str(k.label).lower(): k.value for k in ReviewKind},
    "local child safeguarding practice review": "lcspr", "practice review": "lcspr", "local review": "lcspr",
    "cspr": "lcspr", "serious case review": "lcspr", "scr": "lcspr",
    "national review": "national", "panel report": "national", "csprp": "national", "panel": "national",
    "safeguarding adult review": "sar", "domestic homicide review": "darr", "dhr": "darr", "dardr": "darr",
    "domestic abuse related death review": "darr", "single agency review": "single_agency",
    "single agency": "single_agency", "multi agency audit": "audit", "audit": "audit",
}
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SERIAL = re.compile(r"\d{5}(\.\d+)?")
_REC_NUMBER = re.compile(r"(?:rec(?:ommendation)?\.?\s*|r)?(\d{1,4})\.?", re.IGNORECASE)


@dataclass
class RowVerdict:
    """One row: the reasons it is rejected (none if valid), notes on how it was read, and the values to import."""

    row: int
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def words(text: str) -> str:
    """Text compared as words: lower case, "_" and "-" as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[_\-]+", " ", (text or "").casefold()).split())


def parse_date(text: str) -> date | None:
    """A date written dd/mm/yyyy, yyyy-mm-dd, or as an Excel day number; None if it is none of them."""
    text = (text or "").strip()
    try:
        if m := _DMY.fullmatch(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _YMD.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    if _SERIAL.fullmatch(text):
        return excel_serial_date(float(text))
    return None


def parse_status(text: str) -> tuple[str | None, str]:
    """(status, note) for a status cell; status None if the word is not known. Blank means not started."""
    key = words(text)
    if not key:
        return S.NOT_STARTED.value, ""
    if key == OVERDUE_WORD:
        return OVERDUE_MEANS.value, (f'"Overdue" is worked out from the due date, not stored: imported as '
                                     f'"{ACTION.label(OVERDUE_MEANS)}"')
    status = STATUS_WORDS.get(key)
    return (status.value if status else None), ""


STATUS_HELP = 'Status must be one of: Not started, On track, At risk, Complete, Closed (or Overdue)'


def _required(verdict: RowVerdict, values: dict, key: str, label: str) -> str:
    value = values.get(key, "")
    if not value:
        verdict.reasons.append(f"{label} is missing")
    return value


# Action plans ------------------------------------------------------------------------------------------------

@dataclass
class ActionLookups:
    """The partnership's records an action plan row may name, read in six queries."""

    by_reference: dict = field(default_factory=lambda: defaultdict(list))
    by_title: dict = field(default_factory=lambda: defaultdict(list))
    recommendations: dict = field(default_factory=dict)  # (review id, number) -> recommendation id
    agencies: dict = field(default_factory=dict)  # name -> (id, name)
    people: dict = field(default_factory=lambda: defaultdict(list))  # (agency id, name) -> [person id]
    representatives: dict = field(default_factory=dict)  # agency id -> (person id, name, group)
    existing: dict = field(default_factory=dict)  # (review id, number, title, agency id) -> (title, due)

    @classmethod
    def load(cls, partnership, today: date) -> ActionLookups:
        found = cls()
        for pk, reference, title in Review.objects.filter(partnership=partnership).values_list(
                "pk", "reference", "title"):
            if reference:
                found.by_reference[words(reference)].append(pk)
            found.by_title[words(title)].append(pk)
        found.recommendations = {(r, n): pk for r, n, pk in Recommendation.objects.filter(
            partnership=partnership, review__isnull=False).values_list("review_id", "number", "pk")}
        found.agencies = {words(name): (pk, name) for pk, name in Agency.objects.filter(
            partnership=partnership).values_list("pk", "name")}
        for pk, agency_id, name in Person.objects.filter(partnership=partnership).values_list(
                "pk", "agency_id", "full_name"):
            found.people[(agency_id, words(name))].append(pk)
        seats = Membership.objects.filter(partnership=partnership, co_opted=False, start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)).order_by("group__name", "person__full_name")
        for agency_id, person_id, name, group in seats.values_list(
                "person__agency_id", "person_id", "person__full_name", "group__name"):
            found.representatives.setdefault(agency_id, (person_id, name, group))
        for review_id, number, title, agency_id, due in Action.objects.filter(
                partnership=partnership, recommendation__review__isnull=False).values_list(
                "recommendation__review_id", "recommendation__number", "title", "agency_id", "due_date"):
            found.existing[(review_id, number, words(title), agency_id)] = (title, due)
        return found


def check_action_rows(partnership, rows, today: date) -> list[RowVerdict]:
    """Check action plan rows: review, recommendation, action, agency, lead, due date, status and RAG."""
    found = ActionLookups.load(partnership, today)
    seen: dict[tuple, int] = {}
    new_recommendations: dict[tuple, str] = {}
    verdicts = []
    for number, values in rows:
        verdict = RowVerdict(number)
        _check_action_row(verdict, values, found, new_recommendations)
        key = verdict.values.get("key")
        if key and not verdict.reasons:
            if key in seen:
                verdict.reasons.append(f"Repeats row {seen[key]} of this file (same review, recommendation, "
                                       "action and agency)")
            elif key in found.existing:
                title, due = found.existing[key]
                verdict.reasons.append(f'Already in the action plan: "{title}", due {format_date(due)}')
            seen.setdefault(key, number)
        if not verdict.reasons and verdict.values["rec_id"] is None:
            # A new recommendation takes the text of the first valid row that gives it.
            source = (verdict.values["review_id"], verdict.values["rec_number"])
            verdict.values["rec_text"] = new_recommendations.setdefault(source, verdict.values["rec_text"])
        verdicts.append(verdict)
    return verdicts


def _check_action_row(verdict: RowVerdict, values: dict, found: ActionLookups, new_recs: dict) -> None:
    review_id = _review(verdict, _required(verdict, values, "review", "Review"), found)
    rec_number = _rec_number(verdict, _required(verdict, values, "rec_number", "Recommendation number"))
    rec_id = _recommendation(verdict, review_id, rec_number, values.get("rec_text", ""), found, new_recs)
    title = _required(verdict, values, "title", "Action")
    if len(title) > TITLE_MAX:
        verdict.reasons.append(f"Action must be {TITLE_MAX} characters or fewer")
    agency_id = _agency(verdict, _required(verdict, values, "agency", "Owning agency"), found)
    owner_id = _lead(verdict, values.get("lead", ""), agency_id, found)
    due = _due(verdict, _required(verdict, values, "due_date", "Due date"))
    status, note = parse_status(values.get("status", ""))
    if status is None:
        verdict.reasons.append(f'{STATUS_HELP}: not "{values["status"]}"')
    elif note:
        verdict.notes.append(note)
    rag = RAG_WORDS.get(words(values.get("rag", "")), "") if values.get("rag") else ""
    if values.get("rag") and not rag:
        verdict.reasons.append(f'RAG rating must be Red, Amber or Green: not "{values["rag"]}"')
    if not verdict.reasons:
        verdict.values = {"key": (review_id, rec_number, words(title), agency_id), "review_id": review_id,
                          "rec_number": rec_number, "rec_id": rec_id, "rec_text": values.get("rec_text", ""),
                          "title": title, "agency_id": agency_id, "owner_id": owner_id, "due_date": due,
                          "status": status, "rag": rag}
    else:
        verdict.values = {"key": None}


def _review(verdict: RowVerdict, text: str, found: ActionLookups) -> int | None:
    if not text:
        return None
    matches = found.by_reference.get(words(text)) or found.by_title.get(words(text)) or []
    if not matches:
        verdict.reasons.append(f'No review of the partnership has the reference or title "{text}"')
    elif len(matches) > 1:
        verdict.reasons.append(f'More than one review is called "{text}": use its reference')
    return matches[0] if len(matches) == 1 else None


def _rec_number(verdict: RowVerdict, text: str) -> int | None:
    if not text:
        return None
    m = _REC_NUMBER.fullmatch(text.strip())
    if not m or int(m[1]) == 0:
        verdict.reasons.append(f'Recommendation number must be a whole number such as 3: not "{text}"')
        return None
    return int(m[1])


def _recommendation(verdict, review_id, number, text: str, found: ActionLookups, new_recs: dict) -> int | None:
    if review_id is None or number is None:
        return None
    existing = found.recommendations.get((review_id, number))
    if existing:
        return existing
    if (review_id, number) in new_recs:
        return None  # an earlier valid row of the file gives its text
    if not text:
        verdict.reasons.append(f"Recommendation {number} is not recorded on this review: give its text to add it")
    elif len(text) > TEXT_MAX:
        verdict.reasons.append(f"Recommendation text must be {TEXT_MAX} characters or fewer")
    else:
        verdict.notes.append(f"Recommendation {number} is not recorded on this review: it will be added")
    return None


def _agency(verdict: RowVerdict, text: str, found: ActionLookups) -> int | None:
    if not text:
        return None
    agency = found.agencies.get(words(text))
    if agency is None:
        verdict.reasons.append(f'No agency called "{text}" in the partnership')
        return None
    return agency[0]


def _lead(verdict: RowVerdict, text: str, agency_id: int | None, found: ActionLookups) -> int | None:
    if agency_id is None:
        return None
    if text:
        people = found.people.get((agency_id, words(text)), [])
        if len(people) != 1:
            agency = next(name for pk, name in found.agencies.values() if pk == agency_id)
            verdict.reasons.append(f'No one called "{text}" at {agency}' if not people
                                   else f'More than one person called "{text}" at {agency}')
            return None
        return people[0]
    representative = found.representatives.get(agency_id)
    if representative is None:
        verdict.reasons.append("Lead is missing, and the agency has no member on a group to own the action")
        return None
    verdict.notes.append(f"No lead given: owned by {representative[1]}, the agency's member of the "
                         f"{representative[2]}")
    return representative[0]


def _due(verdict: RowVerdict, text: str) -> str | None:
    if not text:
        return None
    day = parse_date(text)
    if day is None:
        verdict.reasons.append(f'Due date "{text}" is not a date: write it as dd/mm/yyyy or yyyy-mm-dd')
        return None
    return day.isoformat()


# The learning tracker ----------------------------------------------------------------------------------------

def check_tracker_rows(partnership, rows, today: date) -> list[RowVerdict]:
    """Check tracker rows: title, kind, year, themes (known, current ones) and summary."""
    themes: dict[str, tuple[int, str, bool]] = {}
    for pk, key, label, retired in Theme.objects.filter(partnership=partnership).values_list(
            "pk", "key", "label", "retired_in_id"):
        themes[words(key)] = themes[words(label)] = (pk, label, retired is not None)
    existing = {(words(t), k) for t, k in Review.objects.filter(partnership=partnership).values_list("title", "kind")}
    seen: dict[tuple, int] = {}
    verdicts = []
    for number, values in rows:
        verdict = RowVerdict(number)
        _check_tracker_row(verdict, values, themes, today)
        key = verdict.values.get("key")
        if key and not verdict.reasons:
            if key in seen:
                verdict.reasons.append(f"Repeats row {seen[key]} of this file (same title and kind)")
            elif key in existing:
                verdict.reasons.append(f'Already recorded: a review called "{values["title"]}" of this kind')
            seen.setdefault(key, number)
        verdicts.append(verdict)
    return verdicts


def _check_tracker_row(verdict: RowVerdict, values: dict, themes: dict, today: date) -> None:
    title = _required(verdict, values, "title", "Review title")
    if len(title) > TITLE_MAX:
        verdict.reasons.append(f"Review title must be {TITLE_MAX} characters or fewer")
    kind_text = _required(verdict, values, "kind", "Kind of review")
    kind = KIND_WORDS.get(words(kind_text)) if kind_text else None
    if kind_text and kind is None:
        verdict.reasons.append(f'Kind of review "{kind_text}" is not known: use LCSPR, national, SAR, DARR, '
                               'single-agency or audit')
    year = _year(verdict, _required(verdict, values, "year", "Year"), today)
    theme_ids = _themes(verdict, values.get("themes", ""), themes)
    summary = values.get("summary", "")
    if len(summary) > TEXT_MAX:
        verdict.reasons.append(f"Summary must be {TEXT_MAX} characters or fewer")
    verdict.values = {"key": None} if verdict.reasons else {
        "key": (words(title), kind), "title": title, "kind": kind, "year": year, "theme_ids": theme_ids,
        "summary": summary}


def _year(verdict: RowVerdict, text: str, today: date) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= today.year:
        verdict.reasons.append(f'Year must be a year from {FIRST_YEAR} to {today.year}, such as 2024: not "{text}"')
        return None
    return int(text)


def _themes(verdict: RowVerdict, text: str, themes: dict) -> list[int]:
    chosen: list[int] = []
    for item in (p.strip() for p in re.split(r"[;\n]", text or "")):
        if not item:
            continue
        theme = themes.get(words(item))
        if theme is None:
            verdict.reasons.append(f'Unknown theme "{item}"')
        elif theme[2]:
            verdict.reasons.append(f'Theme "{theme[1]}" is retired and takes no new tags')
        elif theme[0] not in chosen:
            chosen.append(theme[0])
    return chosen
