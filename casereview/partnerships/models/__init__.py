"""Models of the partnerships app, one module per subject."""

from .calendar import CalendarDay, CalendarDayKind
from .clocks import ClockAdjustmentRecord
from .core import (
    STATUTORY_KINDS,
    Access,
    Agency,
    AgencyKind,
    ChairRole,
    Group,
    GroupKind,
    Membership,
    Partnership,
    Person,
    Role,
)
from .terms import TermsVersion

__all__ = [
    "STATUTORY_KINDS", "Access", "Agency", "AgencyKind", "CalendarDay", "CalendarDayKind", "ChairRole",
    "ClockAdjustmentRecord", "Group", "GroupKind", "Membership", "Partnership", "Person", "Role", "TermsVersion",
]  # fmt: skip
