"""The criteria a rapid review weighs for a local child safeguarding practice review, and the methodologies.

Kept as data, each with its source, so the decision form, the service's checks and the Panel submission
all read the same list. Order matters: it is the order of the form and of the submission.
"""

from __future__ import annotations

from dataclasses import dataclass

REGULATIONS = "Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018 (SI 2018/789)"
GUIDANCE = "Working Together to Safeguard Children 2023, chapter 5"


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    source: str  # "statute" or "guidance", as marked in DOMAIN.md
    citation: str

    @property
    def name(self) -> str:
        """Return how an error message names it: "criterion (a)" or "the criterion on …"."""
        if len(self.key) == 1:
            return f"criterion ({self.key})"
        return f"the criterion on {self.label[0].lower()}{self.label[1:]}"


CRITERIA: tuple[Criterion, ...] = (
    Criterion("a", "The case highlights or may highlight improvements needed to safeguard and promote the welfare "
                   "of children, including improvements identified before", "statute", f"{REGULATIONS}, reg. 11(a)"),
    Criterion("b", "The case highlights or may highlight recurrent themes in safeguarding and promoting the "
                   "welfare of children", "statute", f"{REGULATIONS}, reg. 11(b)"),
    Criterion("c", "The case highlights or may highlight concerns about two or more organisations or agencies "
                   "working together effectively", "statute", f"{REGULATIONS}, reg. 11(c)"),
    Criterion("d", "The Panel has considered the case and thinks a local review would be more appropriate",
              "statute", f"{REGULATIONS}, reg. 11(d)"),
    Criterion("single_agency", "A single agency's actions give cause for concern", "guidance", GUIDANCE),
    Criterion("no_agency_involvement", "No agency was involved, and that absence is itself concerning",
              "guidance", GUIDANCE),
    Criterion("more_than_one_area", "More than one local authority area is involved", "guidance", GUIDANCE),
    Criterion("institutional_setting", "The case concerns an institutional setting (for example a children's "
                                       "home or custody)", "guidance", GUIDANCE),
)
CRITERIA_BY_KEY = {c.key: c for c in CRITERIA}

ANSWERS = (("yes", "Yes"), ("no", "No"), ("not_yet_known", "Not yet known"))
ANSWER_LABELS = dict(ANSWERS)

# DOMAIN.md §5: the configurable list of review methodologies.
METHODOLOGIES = (
    "SCIE Learning Together (systems)",
    "SILP (Significant Incident Learning Process)",
    "Welsh Child Practice Review",
    "Other systems approach",
    "Appreciative inquiry",
    "Hybrid",
    "Practitioner learning event",
    "Multi-agency audit",
    "Single-agency review",
    "SAR in Rapid Time (adult)",
)

NATIONAL_REVIEW_CITATION = f"{REGULATIONS}, reg. 3"
