"""Cross-field checks of a terms-of-reference document: the rules that tie one section to another."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from casereview.domain.clocks import Direction, StartEvent, Unit
from casereview.domain.partners import StatutoryPartner

if TYPE_CHECKING:
    from casereview.domain.terms import Role, TermsOfReference

# Fields that say the same thing as a clock, so that the two cannot drift apart: field, clock id, what agrees.
_LINKED = (
    ("papers_lead_working_days", "papers", "number of working days before the meeting"),
    ("minutes_deadline", "minutes", "time after the meeting"),
    ("review_interval_months", "tor", "number of months after the last review"),
)


def check(terms: TermsOfReference, raw: Mapping[str, Any], errors: dict[str, str]) -> None:
    """Add to `errors` each way the sections of `terms` disagree with one another."""
    if not terms.roles and "roles" not in errors:
        errors["roles"] = "must list at least one role"
    _unique(errors, "roles", "key", [r.key for r in terms.roles])
    _unique(errors, "clocks", "id", [c.id for c in terms.clocks])
    if "roles" not in errors:  # without a list of roles, references to roles cannot be judged
        _role_refs(terms, raw, errors)
    _dates(terms, errors)
    if not any(path.startswith("clocks") for path in errors):
        _linked_clocks(terms, errors)


def _role_refs(terms: TermsOfReference, raw: Mapping[str, Any], errors: dict[str, str]) -> None:
    if terms.quorum is not None:
        _quorum_refs(raw["quorum"], "quorum", terms.roles, errors)
    if terms.chairing is not None and terms.chairing.arrangement is not None:
        _chairing(terms, errors)


def _unique(errors: dict[str, str], section: str, field: str, values: list[str | None]) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            errors.setdefault(f"{section}[{i}].{field}", f"'{value}' is used twice; each {field} must be unique")
        if value is not None:
            seen.add(value)


def _quorum_refs(data: Mapping[str, Any], path: str, roles: tuple[Role, ...], errors: dict[str, str]) -> None:
    """Check that the quorum names only roles and partners the membership has."""
    if data["kind"] == "all_of":
        for i, part in enumerate(data["parts"]):
            _quorum_refs(part, f"{path}.parts[{i}]", roles, errors)
    elif data["kind"] == "core_roles":
        by_key = {r.key: r for r in roles}
        for i, key in enumerate(data["roles"]):
            if key not in by_key:
                errors.setdefault(f"{path}.roles[{i}]", f"'{key}' is not one of the group's roles")
            elif not by_key[key].core:
                errors.setdefault(f"{path}.roles[{i}]", f"'{key}' must be marked as a core role to count for quorum")
    elif data["kind"] == "statutory_partners":
        represented = {r.represents.value for r in roles if r.represents is not None}
        for i, partner in enumerate(data["partners"]):
            if partner not in represented:
                message = f"no role represents {StatutoryPartner(partner).label}, so no meeting could be quorate"
                errors.setdefault(f"{path}.partners[{i}]", message)


def _chairing(terms: TermsOfReference, errors: dict[str, str]) -> None:
    chairing = terms.chairing
    eligible = [r for r in terms.roles if r.chair]
    if chairing.arrangement == "co_chairs_two_agencies" and len(eligible) < 2:
        errors.setdefault(
            "chairing.arrangement",
            f"co-chairing needs at least two roles that may chair (marked chair: true); found {len(eligible)}",
        )
    if chairing.chair_role is None:
        return
    role = next((r for r in terms.roles if r.key == chairing.chair_role), None)
    if role is None:
        errors.setdefault("chairing.chair_role", f"'{chairing.chair_role}' is not one of the group's roles")
    elif not role.chair:
        errors.setdefault("chairing.chair_role", f"'{role.key}' must be marked as a role that may chair")


def _dates(terms: TermsOfReference, errors: dict[str, str]) -> None:
    adopted, reviewed = terms.adopted_on, terms.last_reviewed_on
    if adopted is not None and reviewed is not None and reviewed < adopted:
        errors.setdefault("last_reviewed_on", "cannot be before adopted_on")


def _linked_clocks(terms: TermsOfReference, errors: dict[str, str]) -> None:
    """Check that papers, minutes and review fields agree with the clocks that enforce them."""
    clocks = {c.id: c for c in terms.clocks}
    for field, clock_id, what in _LINKED:
        if field in errors or any(path.startswith(field + ".") for path in errors):
            continue
        clock = clocks.get(clock_id)
        have = (clock.length, clock.unit, clock.direction, clock.start_event) if clock else None
        if have != _expected(terms, clock_id):
            errors[field] = f"must agree with the '{clock_id}' clock (the same {what}), or both be left out"


def _expected(terms: TermsOfReference, clock_id: str) -> tuple[Any, ...] | None:
    if clock_id == "papers" and terms.papers_lead_working_days is not None:
        return (terms.papers_lead_working_days, Unit.WORKING_DAYS, Direction.BEFORE, StartEvent.MEETING)
    if clock_id == "minutes" and terms.minutes_deadline is not None:
        minutes = terms.minutes_deadline
        return (minutes.length, minutes.unit, Direction.AFTER, StartEvent.MEETING)
    if clock_id == "tor" and terms.review_interval_months is not None:
        return (terms.review_interval_months, Unit.MONTHS, Direction.AFTER, StartEvent.LAST_TOR_REVIEW)
    return None
