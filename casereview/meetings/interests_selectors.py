"""Reads of declarations of interest: per meeting and item, and each member's standing register."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .models import Declaration


def conflicts_by_item(meeting) -> dict[int, list]:
    """For each agenda item id, the people who declared a conflict on it (they take no part in its decision,
    and do not receive its papers when the item is restricted)."""
    conflicts: dict[int, list] = defaultdict(list)
    for declaration in Declaration.objects.filter(meeting=meeting, item__isnull=False).select_related("person"):
        if declaration.person not in conflicts[declaration.item_id]:
            conflicts[declaration.item_id].append(declaration.person)
    return dict(conflicts)


def declarations_part(meeting, user, today: date) -> dict:
    """The declarations part of the meeting page (to be built)."""
    return {}
