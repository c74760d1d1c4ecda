"""The similarity rules: tokens, TF-IDF, cosine, Jaccard, the combined score and its explanation."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain import similarity as sim
from casereview.domain.similarity import Document, Match

WORDS = ["neglect", "bruising", "baby", "school", "exploitation", "county", "lines", "mother", "father", "drugs",
         "sleep", "cosleeping", "alcohol", "police", "health", "visitor", "domestic", "abuse", "referral", "housing"]
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
themes = st.frozensets(st.sampled_from(["neglect", "sudi", "domestic_abuse", "information_sharing", "fathers"]))


@pytest.mark.parametrize(("word", "expected"), [
    ("injuries", "injur"),
    ("injury", "injury"),
    ("exploited", "exploit"),
    ("exploitation", "exploit"),
    ("sharing", "shar"),
    ("share", "share"),
    ("bruises", "bruis"),
    ("bus", "bus"),       # too short to strip
    ("needs", "need"),
])
def test_stem_strips_one_common_suffix(word, expected):
    """The stemmer strips one suffix and keeps at least four letters."""
    assert sim.stem(word) == expected


def test_tokens_drop_stop_words_short_words_and_case():
    """Tokens are lower-case content words of three letters or more."""
    assert sim.tokens("The Baby was NOT seen by a GP; bruising on his arm.") == ["baby", "seen", "bruis", "arm"]


def test_surface_forms_name_each_stem_by_its_first_word():
    """A stem is named by the first word in the text that produced it."""
    assert sim.surface_forms("Bruising seen; more bruises later")["bruis"] == "bruising"


@pytest.mark.parametrize(("a", "b", "expected"), [
    (set(), set(), 0.0),
    ({"x"}, set(), 0.0),
    ({"x"}, {"x"}, 1.0),
    ({"x", "y"}, {"y", "z"}, 1 / 3),
    ({"a", "b", "c", "d"}, {"a", "b"}, 0.5),
])
def test_jaccard_is_shared_over_all(a, b, expected):
    """Jaccard is |A ∩ B| / |A ∪ B|, and 0 for two empty sets."""
    assert sim.jaccard(a, b) == pytest.approx(expected)


def test_idf_weighs_rare_terms_more():
    """A term in one document of three weighs more than a term in all three, and both weigh more than 0."""
    idf = sim.idf_weights([["neglect", "baby"], ["neglect"], ["neglect", "school"]])
    assert idf["baby"] > idf["neglect"] > 0
    assert idf["neglect"] == pytest.approx(1.0)


def test_tfidf_vectors_have_unit_length():
    """Vectors are normalised, so cosine compares direction only."""
    vector = sim.tfidf(["a", "a", "b"], {"a": 1.0, "b": 2.0})
    assert math.isclose(math.sqrt(sum(v * v for v in vector.values())), 1.0)
    assert sim.tfidf([], {}) == {}


@pytest.mark.parametrize(("a", "b", "expected"), [
    ({}, {"x": 1.0}, 0.0),
    ({"x": 1.0}, {"x": 1.0}, 1.0),
    ({"x": 1.0}, {"y": 1.0}, 0.0),
    ({"x": 1.0, "y": 1.0}, {"x": 1.0}, 1 / math.sqrt(2)),
])
def test_cosine(a, b, expected):
    """Cosine similarity of sparse vectors, 0 when either is empty."""
    assert sim.cosine(a, b) == pytest.approx(expected)


def test_combined_weights_text_and_themes_only_when_there_are_themes():
    """With themes on both sides the score is a weighted sum; otherwise it is the wording score alone."""
    assert sim.combined(0.5, 0.0, themed=False) == 0.5
    assert sim.combined(0.5, 1.0, themed=True) == pytest.approx(sim.TEXT_WEIGHT * 0.5 + sim.THEME_WEIGHT)
    assert sim.TEXT_WEIGHT + sim.THEME_WEIGHT == pytest.approx(1.0)


def test_a_review_without_themes_is_judged_on_wording_alone():
    """Missing tags neither help nor hurt: against an untagged review the score is the wording score."""
    idf = sim.idf_weights([["bruis", "baby"], ["bruis"]])
    tagged = Document("a", "bruising baby", frozenset({"nai_babies"}))
    untagged = Document("b", "bruising baby")
    assert sim.similarity(tagged, untagged, idf) == pytest.approx(1.0)


@given(texts, texts, themes, themes)
def test_score_is_symmetric_and_between_0_and_1(text_a, text_b, themes_a, themes_b):
    """similarity(a, b) == similarity(b, a), and it lies in [0, 1]."""
    a, b = Document("a", text_a, themes_a), Document("b", text_b, themes_b)
    idf = sim.idf_weights([sim.tokens(text_a), sim.tokens(text_b)])
    forward, backward = sim.similarity(a, b, idf), sim.similarity(b, a, idf)
    assert forward == pytest.approx(backward, abs=1e-12)
    assert 0.0 <= forward <= 1.0


@given(texts.filter(lambda t: sim.tokens(t)), themes)
def test_identical_texts_score_one(text, theme_keys):
    """A document scores 1 against itself (same wording, same themes)."""
    doc = Document("a", text, theme_keys)
    idf = sim.idf_weights([sim.tokens(text), ["other"]])
    assert sim.similarity(doc, Document("b", text, theme_keys), idf) == pytest.approx(1.0)


@given(st.lists(texts, min_size=1, max_size=8), texts)
def test_rank_is_sorted_bounded_and_above_the_minimum(candidate_texts, query_text):
    """rank() returns at most TOP matches, best first, each at or above the minimum."""
    candidates = [Document(str(i), t) for i, t in enumerate(candidate_texts)]
    matches = sim.rank(Document("q", query_text), candidates)
    assert len(matches) <= sim.TOP
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.score >= sim.MINIMUM_SCORE for m in matches)


def test_rank_puts_the_closest_first_and_drops_the_unrelated():
    """The document sharing themes and wording comes first; an unrelated one is not listed."""
    query = Document("q", "Baby with bruising; father not known to the health visitor", frozenset({"nai_babies"}))
    candidates = [
        Document("school", "Children missing education and elective home education", frozenset({"not_in_school"})),
        Document("baby", "Bruising to a non-mobile baby; the father was invisible to the health visitor",
                 frozenset({"nai_babies", "fathers"})),
        Document("sleep", "A baby died while co-sleeping after parental alcohol use", frozenset({"sudi"})),
    ]
    keys = [m.key for m in sim.rank(query, candidates)]
    assert keys[0] == "baby"
    assert "school" not in keys


@pytest.mark.parametrize(("match", "expected"), [
    (Match("k", 0.6, 0.3, 0.5, ("information_sharing", "neglect"), ("school", "missed")),
     "shares themes: information sharing, neglect; similar wording (school, missed)"),
    (Match("k", 0.3, 0.5, 0.0, (), ()), "very similar wording"),
    (Match("k", 0.3, 0.06, 0.4, ("sudi",), ("sleep",)), "shares themes: SUDI; some shared wording (sleep)"),
    (Match("k", 0.2, 0.0, 0.4, ("neglect",), ()), "shares themes: neglect"),
    (Match("k", 0.2, 0.01, 0.0, (), ()), "a weak match"),
])
def test_explain_says_why_in_words(match, expected):
    """The explanation names the shared themes by label and describes the wording."""
    labels = {"information_sharing": "Information sharing", "neglect": "Neglect", "sudi": "SUDI"}
    assert sim.explain(match, labels) == expected


def _rank_by_definition(query: Document, candidates: list[Document]) -> list[tuple[str, float, tuple]]:
    """rank() as the definitions read: IDF over candidates and query, a TF-IDF vector for each, cosine, Jaccard."""
    idf = sim.idf_weights([sim.tokens(d.text) for d in candidates] + [sim.tokens(query.text)])
    query_vector = sim.tfidf(sim.tokens(query.text), idf)
    forms = sim.surface_forms(query.text)
    rows = []
    for doc in candidates:
        vector = sim.tfidf(sim.tokens(doc.text), idf)
        score = sim.combined(sim.cosine(query_vector, vector), sim.jaccard(query.themes, doc.themes),
                             themed=bool(query.themes and doc.themes))
        rows.append((doc.key, score, sim._shared_words(query_vector, vector, forms)))
    return rows


@given(st.lists(st.tuples(texts, themes), min_size=1, max_size=10), texts, themes)
def test_rank_gives_the_scores_the_definitions_give(candidate_parts, query_text, query_themes):
    """The fast rank() (remembered term weights, no candidate vectors) scores every candidate as the
    definitions do, with the same shared words."""
    candidates = [Document(str(i), t, th) for i, (t, th) in enumerate(candidate_parts)]
    query = Document("q", query_text, query_themes)
    fast = sim.rank(query, candidates, limit=len(candidates), minimum=0.0)
    expected = _rank_by_definition(query, candidates)
    assert {m.key: round(m.score, 9) for m in fast} == {key: round(score, 9) for key, score, _ in expected}
    assert {m.key: m.shared_words for m in fast} == {key: words for key, _, words in expected}


def test_rank_keeps_only_the_top_and_those_above_the_minimum():
    """With the defaults only the best TOP at or above the minimum come back, in the definitions' order."""
    base = "neglect of a baby by the mother with alcohol and housing problems"
    candidates = [Document(f"{i:02}", base + " " + " ".join(WORDS[:i])) for i in range(12)]
    candidates.append(Document("far", "county lines exploitation"))
    query = Document("q", base)
    expected = sorted(((score, key) for key, score, _ in _rank_by_definition(query, candidates)
                       if score >= sim.MINIMUM_SCORE), key=lambda s: (-s[0], s[1]))[:sim.TOP]
    assert [m.key for m in sim.rank(query, candidates)] == [key for _, key in expected]
    assert "far" not in [key for _, key in expected]
