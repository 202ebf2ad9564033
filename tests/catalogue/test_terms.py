"""Folding, typos and the two engines' query syntax (``catalogue.terms``: pure)."""

from hypothesis import given
from hypothesis import strategies as st

from ocop.catalogue import terms

KNOWN = {"nuoc", "mam", "phu", "quoc", "mat", "ong", "dac", "san", "tra"}


def test_words_fold_tones_and_d():
    assert terms.words("Nước mắm PHÚ QUỐC") == ["nuoc", "mam", "phu", "quoc"]
    assert terms.words("đặc sản Đà Lạt") == ["dac", "san", "da", "lat"]
    assert terms.words("à á ả ã ạ") == ["a"]


def test_words_are_bounded():
    assert len(terms.words("x " * 5000)) == 1
    many = terms.words(" ".join(f"w{i}" for i in range(50)))
    assert len(many) == terms.MAX_WORDS
    assert terms.words("a" * 500) == ["a" * terms.MAX_WORD]
    assert terms.words("<script>alert('x')</script> OR \" NEAR(") == [
        "script",
        "alert",
        "x",
        "or",
        "near",
    ]


def test_neighbours_one_edit_each_way():
    assert terms.neighbours("nuco", KNOWN) == ["nuoc"]  # swapped
    assert terms.neighbours("nuc", KNOWN) == ["nuoc"]  # missing letter
    assert terms.neighbours("nuoac", KNOWN) == ["nuoc"]  # extra letter
    assert terms.neighbours("nuox", KNOWN) == ["nuoc"]  # wrong letter
    assert terms.neighbours("mma", KNOWN) == ["mam"]
    assert terms.neighbours("xyzw", KNOWN) == []
    assert terms.neighbours("ng", KNOWN) == []  # too short to guess


def test_plan_keeps_known_words_exact_and_widens_unknown_ones():
    plan = terms.plan(["nuco", "mam"], KNOWN)
    assert plan.terms[0].exact == ("nuoc",) and plan.terms[0].prefix == "nuco"
    assert plan.terms[1] == terms.Term("mam", ("mam",))
    assert plan.corrected


def test_loose_plan_drops_words_nothing_has_and_corrects_known_ones():
    plan = terms.plan(["nuoc", "mam", "ocop"], KNOWN, loose=True)
    assert plan.dropped == ("ocop",)
    assert [t.typed for t in plan.terms] == ["nuoc", "mam"]
    only_unknown = terms.plan(["zzzz"], KNOWN, loose=True)
    assert only_unknown.terms == (terms.Term("zzzz", ("zzzz",)),)


def test_engine_syntax():
    plan = terms.plan(["nuco", "mam"], KNOWN)
    assert terms.fts5(plan) == '("nuoc" OR "nuco" *) AND "mam"'
    assert terms.fts5(plan, "name") == '{name} : (("nuoc" OR "nuco" *) AND "mam")'
    assert terms.tsquery(plan) == "(nuoc | nuco:*) & mam"
    assert terms.tsquery(plan, "A") == "(nuoc:A | nuco:*A) & mam:A"


@given(st.text(max_size=300))
def test_any_text_gives_safe_words(text):
    for word in terms.words(text):
        assert word.isascii() and word.isalnum() and word.islower() or word.isdigit()
        assert 0 < len(word) <= terms.MAX_WORD
