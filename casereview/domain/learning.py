"""Rules for learning aggregates: age bands, shares against a baseline, small-number suppression of a group of
cells, and questions for reflection in a seven-minute briefing (DOMAIN.md §5, §6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from casereview.domain.suppression import SUPPRESSED, suppress

UNBORN, NOT_KNOWN = "Unborn", "Not known"
# The bands the Panel's notification statistics use, plus care leavers (reported up to 24) and unknown ages.
AGE_BANDS = (UNBORN, "Under 1", "1 to 4", "5 to 9", "10 to 15", "16 to 17", "18 and over", NOT_KNOWN)
_BAND_FLOORS = ((18, "18 and over"), (16, "16 to 17"), (10, "10 to 15"), (5, "5 to 9"), (1, "1 to 4"),
                (0, "Under 1"))


def age_band(*, unborn: bool, age_years: int | None) -> str:
    """The age band of a child: "Unborn" whatever the age field says, "Not known" when no age is given.

    >>> age_band(unborn=False, age_years=0), age_band(unborn=False, age_years=4), age_band(unborn=False, age_years=5)
    ('Under 1', '1 to 4', '5 to 9')
    """
    if unborn:
        return UNBORN
    if age_years is None or age_years < 0:
        return NOT_KNOWN
    return next(band for floor, band in _BAND_FLOORS if age_years >= floor)


@dataclass(frozen=True)
class ShareRow:
    """One category of one dimension: the children counted, their share, and the baseline's share."""

    category: str
    count: int
    share: float | None  # percentage of the children counted, None when none were counted
    baseline_count: int | None
    baseline_share: float | None  # percentage of the baseline population, None without a baseline
    ratio: float | None  # share / baseline share, None when either is missing or the baseline share is 0


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ShareRow, ...]
    total: int
    baseline_total: int | None


def compare(counts: Mapping[str, int], baseline: Mapping[str, int] | None = None,
            order: Sequence[str] = ()) -> Comparison:
    """Each category's count and share beside the baseline's share, and the ratio of the two shares.

    Categories are listed in `order` first, then the rest by count (largest first) and name; a baseline
    category with no children appears with a count of 0."""
    baseline = dict(baseline or {})
    total = sum(counts.values())
    baseline_total = sum(baseline.values()) if baseline else None
    names = set(counts) | set(baseline)
    ranked = [c for c in order if c in names] + sorted(names - set(order), key=lambda c: (-counts.get(c, 0), c))
    rows = []
    for category in ranked:
        count = counts.get(category, 0)
        share = _percent(count, total)
        base = baseline.get(category)
        base_share = _percent(base, baseline_total) if base is not None else None
        ratio = share / base_share if share is not None and base_share else None
        rows.append(ShareRow(category, count, share, base, base_share, ratio))
    return Comparison(tuple(rows), total, baseline_total)


def _percent(part: int, whole: int | None) -> float | None:
    return 100.0 * part / whole if whole else None


def cells_to_suppress(counts: Mapping[str, int]) -> set[str]:
    """The cells of one group (whose total is published) to show as suppressed.

    Counts of 1 or 2 are suppressed; when that leaves exactly one suppressed cell, the next smallest non-zero
    cell is suppressed too, so the hidden count cannot be worked out by subtracting from the total."""
    hidden = {name for name, count in counts.items() if 0 < count <= 2}
    if len(hidden) == 1:
        rest = sorted((count, name) for name, count in counts.items() if count > 2)
        if rest:
            hidden.add(rest[0][1])
    return hidden


@dataclass(frozen=True)
class ShownRow:
    """A ShareRow as it may be shown or exported: a suppressed count hides its share and ratio too."""

    category: str
    count: int | str
    share: str
    baseline_count: int | None
    baseline_share: str
    ratio: float | str | None
    ratio_text: str


def shown_rows(comparison: Comparison) -> list[ShownRow]:
    """The rows with small numbers suppressed (with the complementary cell), shares as text."""
    hidden = cells_to_suppress({row.category: row.count for row in comparison.rows})
    shown = []
    for row in comparison.rows:
        secret = row.category in hidden
        ratio = None if row.ratio is None else round(row.ratio, 1)
        shown.append(ShownRow(
            row.category, SUPPRESSED if secret else row.count,
            SUPPRESSED if secret else percent_text(row.share), row.baseline_count, percent_text(row.baseline_share),
            SUPPRESSED if secret and ratio is not None else ratio,
            SUPPRESSED if secret and ratio is not None else ratio_text(ratio)))
    return shown


def shown_total(comparison: Comparison) -> int | str:
    return suppress(comparison.total)


def percent_text(share: float | None) -> str:
    return "—" if share is None else f"{share:.1f}%"


def ratio_text(ratio: float | None) -> str:
    """Say how the share compares with the baseline's, in words."""
    if ratio is None:
        return "No baseline to compare with"
    return f"{ratio:.1f} times the share in the baseline population"


REFLECTION_QUESTIONS = {
    "information_sharing": "What would you share, with whom and how quickly, if you had the same worries today?",
    "risk_assessment": "How do you bring together what each agency knows before you judge the risk?",
    "critical_thinking": "When did you last challenge another professional's view, and what helped you do it?",
    "professional_curiosity": "What would make you look again when a family seems to be engaging?",
    "childs_voice": "How do you find out what a day in this child's life is really like?",
    "think_family": "Which adults in the household do you know about, and which have you not yet asked about?",
    "fathers": "How do you find and involve fathers and male carers in your work?",
    "race_ethnicity_culture": "How might the child's race, ethnicity or culture have shaped their experience and "
                              "our response?",
    "disability": "How do you make sure a disabled child's needs do not hide signs of harm?",
    "leadership_culture": "What in your team's culture makes it easier, or harder, to raise a concern?",
    "transitions": "What happens to the information about a child when they move between services?",
    "domestic_abuse": "How do you ask about domestic abuse, and what do you do with the answer?",
    "parental_mental_health": "How does a parent's mental health affect the care the child gets day to day?",
    "substance_misuse": "How do you test what a parent tells you about their drug or alcohol use?",
    "neglect": "How do you notice neglect that builds up slowly over time?",
    "nai_babies": "Which bruises or injuries in a baby who is not yet mobile would you act on today?",
    "sudi": "How do you talk with families about safer sleep, and when?",
    "extra_familial_harm": "How do you recognise harm to a young person from outside the family?",
    "intra_familial_sexual_abuse": "What signs of sexual abuse within a family might be easy to miss?",
    "child_mental_health_suicide": "How do you ask a young person about self-harm and suicidal thoughts?",
    "not_in_school": "Who sees a child who is not in school, and how would you know if they were not safe?",
    "young_carers": "How do you find out whether a child is caring for someone at home?",
    "looked_after": "What would a good parent do here, and are we doing it as corporate parents?",
    "institutional_settings": "How would a child in a residential setting tell someone they were not safe?",
}
GENERAL_QUESTIONS = (
    "What in this review reminds you of a child or family you work with?",
    "What one thing will you do differently after reading this briefing?",
    "Who else in your team needs to know about this learning?",
)


def reflection_questions(theme_keys: Iterable[str], limit: int = 4) -> list[str]:
    """Questions for a briefing: one for each theme that has one (in the order given), then general ones."""
    questions = list(dict.fromkeys(REFLECTION_QUESTIONS[k] for k in theme_keys if k in REFLECTION_QUESTIONS))
    questions = questions[: max(limit - 1, 0)]
    for general in GENERAL_QUESTIONS:
        if len(questions) >= limit:
            break
        questions.append(general)
    return questions[:limit]
