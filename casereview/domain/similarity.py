"""Similar past reviews without a model download: TF-IDF over the review texts, cosine similarity, theme overlap
(Jaccard), and one combined score that explains itself in words.

The corpus is small (a partnership's reviews, a few thousand at most), so everything is computed on request
from plain dictionaries; nothing is trained or stored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# The weight of wording and of shared themes in the combined score, used when both sides have themes: wording is
# the richer evidence (a new notification's themes are often only its harm types). When either side has no
# themes, nothing is known about their overlap and the score is the wording alone.
TEXT_WEIGHT = 0.65
THEME_WEIGHT = 0.35
# Below this combined score a review is not listed as similar.
MINIMUM_SCORE = 0.15
TOP = 5

# A notification often has no theme tags yet: its harm types stand in for themes (DOMAIN.md §6 theme keys).
HARM_TYPE_THEMES = {
    "neglect": "neglect",
    "non_accidental_injury": "nai_babies",
    "extra_familial_harm": "extra_familial_harm",
    "self_harm_suicide": "child_mental_health_suicide",
    "sudi": "sudi",
    "sexual_abuse": "intra_familial_sexual_abuse",
}

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing done down during each either even ever every few for from further had has
have having he her here hers herself him himself his how however i if in into is it its itself just least less
many may me might more most much must my myself no nor not now of off on once one only or other our ours
ourselves out over own per same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up upon us very was we were what when where which while who
whom whose why will with within without would yet you your yours yourself yourselves
""".split())

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
# Longest first: a light suffix stripper so "injuries" meets "injury" and "exploited" meets "exploitation".
_SUFFIXES = ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")
_MIN_STEM = 4


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip one common English suffix, keeping a stem of at least four letters ("injuries" -> "injur")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    return [w.replace("'", "") for w in _WORD.findall((text or "").lower())]


def tokens(text: str) -> list[str]:
    """The text's content words as stems: lower case, no stop words, at least three letters."""
    return list(_stems(text or ""))


# Every page showing similar reviews scores the partnership's whole corpus, whose texts rarely change; the stems
# of a text depend on the text alone, so remembering them is always right (a changed text is a new key).
@lru_cache(maxsize=16384)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text) if len(w) >= 3 and w not in STOPWORDS)


def surface_forms(text: str) -> dict[str, str]:
    """Each stem's first whole word in the text, to name shared wording in words people use."""
    forms: dict[str, str] = {}
    for word in _words(text):
        if len(word) >= 3 and word not in STOPWORDS:
            forms.setdefault(stem(word), word)
    return forms


def idf_weights(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1, so every term weighs more than zero."""
    documents = [set(d) for d in documents]
    frequency: Counter[str] = Counter()
    for terms in documents:
        frequency.update(terms)
    n = len(documents)
    return {term: math.log((1 + n) / (1 + df)) + 1.0 for term, df in frequency.items()}


def tfidf(terms: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
    """A unit-length vector: sublinear term frequency (1 + ln count) times IDF (terms unknown to idf weigh 1)."""
    counts = Counter(terms)
    vector = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors, in [0, 1] (weights are never negative); 0 if either is empty."""
    if not a or not b:
        return 0.0
    if len(b) < len(a):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return max(0.0, min(1.0, dot / norm)) if norm else 0.0


def jaccard(a: Iterable, b: Iterable) -> float:
    """Shared items over all items; 0 when both are empty."""
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def combined(text_score: float, theme_score: float, *, themed: bool) -> float:
    """One score in [0, 1]: wording and themes weighted when both sides have themes, else wording alone."""
    score = TEXT_WEIGHT * text_score + THEME_WEIGHT * theme_score if themed else text_score
    return max(0.0, min(1.0, score))


@dataclass(frozen=True)
class Document:
    """A review as the similarity search sees it: a key to find it again, its text and its theme keys."""

    key: str
    text: str
    themes: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Match:
    key: str
    score: float
    text_score: float
    theme_score: float
    shared_themes: tuple[str, ...]
    shared_words: tuple[str, ...]


def similarity(a: Document, b: Document, idf: Mapping[str, float]) -> float:
    """The combined score of two documents under the given IDF weights (symmetric)."""
    text = cosine(tfidf(tokens(a.text), idf), tfidf(tokens(b.text), idf))
    return combined(text, jaccard(a.themes, b.themes), themed=bool(a.themes and b.themes))


def rank(query: Document, candidates: Sequence[Document], *, limit: int = TOP,
         minimum: float = MINIMUM_SCORE) -> list[Match]:
    """The candidates most like the query, best first (ties by key), each scoring at least `minimum`.

    The same scores as `similarity` (a property test holds them equal), worked out for a corpus of thousands on
    every page: each text's term weights are remembered (`_weights`, a function of the text alone), vectors are
    never built for the candidates (unit length makes the cosine the dot product over the query's terms divided
    by the candidate's norm), and the shared words are found only for the matches returned."""
    weights = [_weights(d.text) for d in candidates]
    query_weights = _weights(query.text)
    idf = idf_weights([w.keys() for w in weights] + [query_weights.keys()])
    query_vector = tfidf(tokens(query.text), idf)
    scored = []
    for doc, terms in zip(candidates, weights, strict=True):
        text = _cosine_to(query_vector, terms, idf)
        themes = jaccard(query.themes, doc.themes)
        score = combined(text, themes, themed=bool(query.themes and doc.themes))
        if score >= minimum:
            scored.append((score, doc, text, themes, terms))
    scored.sort(key=lambda s: (-s[0], s[1].key))
    forms = surface_forms(query.text)
    return [Match(doc.key, score, text, themes, tuple(sorted(query.themes & doc.themes)),
                  _shared_words(query_vector, _unit(terms, idf), forms))
            for score, doc, text, themes, terms in scored[:limit]]


# The sublinear term frequencies of a text (1 + ln count per stem): a function of the text alone, remembered like
# its stems, so only the IDF (which depends on the candidates) is applied on each request.
@lru_cache(maxsize=16384)
def _weights(text: str) -> dict[str, float]:
    return {t: 1.0 + math.log(c) for t, c in Counter(_stems(text or "")).items()}


def _cosine_to(query_vector: Mapping[str, float], terms: Mapping[str, float], idf: Mapping[str, float]) -> float:
    """cosine(query_vector, tfidf(...)) without building the candidate's vector: the query's is unit length."""
    if not query_vector or not terms:
        return 0.0
    norm = math.sqrt(sum((w * idf.get(t, 1.0)) ** 2 for t, w in terms.items()))
    if not norm:
        return 0.0
    dot = sum(v * terms[t] * idf.get(t, 1.0) for t, v in query_vector.items() if t in terms)
    return max(0.0, min(1.0, dot / norm))


def _unit(terms: Mapping[str, float], idf: Mapping[str, float]) -> dict[str, float]:
    vector = {t: w * idf.get(t, 1.0) for t, w in terms.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _shared_words(a: Mapping[str, float], b: Mapping[str, float], forms: Mapping[str, str], n: int = 3):
    """The few terms that contribute most to the wording score, as words from the query's text."""
    shared = sorted(((a[t] * b[t], t) for t in a.keys() & b.keys()), reverse=True)[:n]
    return tuple(forms.get(t, t) for _weight, t in shared)


def wording_phrase(text_score: float) -> str:
    """The wording score in words ("" when the wording is not alike)."""
    if text_score >= 0.4:
        return "very similar wording"
    if text_score >= 0.15:
        return "similar wording"
    if text_score >= 0.05:
        return "some shared wording"
    return ""


def _in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "Neglect" -> "neglect", but "SUDI" stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def explain(match: Match, theme_labels: Mapping[str, str]) -> str:
    """Why the review is listed, in words: "shares themes: neglect, information sharing; similar wording"."""
    parts = []
    if match.shared_themes:
        labels = sorted(theme_labels.get(k, k.replace("_", " ")) for k in match.shared_themes)
        parts.append("shares themes: " + ", ".join(_in_sentence(label) for label in labels))
    phrase = wording_phrase(match.text_score)
    if phrase:
        words = f" ({', '.join(match.shared_words)})" if match.shared_words else ""
        parts.append(phrase + words)
    return "; ".join(parts) or "a weak match"
