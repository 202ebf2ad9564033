"""What a visitor typed, made into a full-text query. Pure: no Django, no database (strict
mypy), so folding, typos and the two engines' syntax are tested directly.

- Words are folded (``lib.text.fold``: no tones, ``đ`` → ``d``, lower case), so
  ``nuoc mam phu quoc`` and ``Nước mắm Phú Quốc`` are the same query.
- A word that no product uses (not in the vocabulary) is looked for as itself typed
  further (a prefix: ``quo`` → ``quoc``) and as every known word one edit away (a letter
  missing, extra, wrong, or two letters swapped): ``nuco`` → ``nuoc``.
- When the exact query finds nothing, ``loose`` plans again: every word of three letters or
  more also matches its known neighbours (``man`` → ``mam``), and a word with no
  neighbour at all is dropped, if another word is left.
"""

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Final

from ocop.lib.text import fold

MAX_CHARS: Final = 200  # of the query read; the rest is ignored (and the visitor told)
MAX_WORDS: Final = 8
MAX_WORD: Final = 40
MIN_TYPO: Final = 3  # shorter words have too many neighbours to guess from
MAX_ALTERNATIVES: Final = 12
ALPHABET: Final = "abcdefghijklmnopqrstuvwxyz"

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The distinct folded words of ``text`` (its first ``MAX_CHARS`` characters)."""
    found: list[str] = []
    for word in _WORD.findall(fold(text[:MAX_CHARS])):
        word = word[:MAX_WORD]
        if word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def index_words(text: str) -> list[str]:
    """Every distinct folded word of a text being indexed (no limits but the word's length)."""
    return sorted({w[:MAX_WORD] for w in _WORD.findall(fold(text))})


def neighbours(word: str, known: Container[str]) -> list[str]:
    """The known words one edit from ``word`` (Damerau–Levenshtein distance 1)."""
    if len(word) < MIN_TYPO:
        return []
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    candidates: list[str] = []
    candidates += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]  # swapped
    candidates += [a + c + b[1:] for a, b in splits if b for c in ALPHABET]  # wrong letter
    candidates += [a + b[1:] for a, b in splits if b]  # extra letter
    candidates += [a + c + b for a, b in splits for c in ALPHABET]  # missing letter
    found: list[str] = []
    for candidate in candidates:
        if candidate != word and candidate in known and candidate not in found:
            found.append(candidate)
            if len(found) == MAX_ALTERNATIVES:
                break
    return found


@dataclass(frozen=True)
class Term:
    """One typed word: any of ``exact`` matches, or a word starting with ``prefix``."""

    typed: str
    exact: tuple[str, ...]
    prefix: str = ""


@dataclass(frozen=True)
class Plan:
    terms: tuple[Term, ...]
    dropped: tuple[str, ...] = field(default=())  # typed words left out (``loose`` only)
    corrected: bool = False  # some word matches other words than the one typed

    def __bool__(self) -> bool:
        return bool(self.terms)


def plan(typed: Iterable[str], known: Container[str], *, loose: bool = False) -> Plan:
    terms: list[Term] = []
    dropped: list[str] = []
    corrected = False
    for word in typed:
        if word in known and not loose:
            terms.append(Term(word, (word,)))
            continue
        near = neighbours(word, known)
        if word in known:
            terms.append(Term(word, (word, *near)))
            corrected = corrected or bool(near)
            continue
        prefix = word if len(word) >= 2 else ""
        if loose and not near:
            dropped.append(word)
            continue
        terms.append(Term(word, tuple(near) or (word,), prefix))
        corrected = corrected or bool(near) or bool(prefix)
    if not terms:  # dropping left nothing: keep the words as typed (finds nothing)
        return Plan(tuple(Term(w, (w,)) for w in dropped))
    return Plan(tuple(terms), tuple(dropped), corrected)


def matches(p: Plan, text: str) -> bool:
    """Whether the full-text index would match ``text`` (one column) for the plan: every
    term has one of its words, or a word starting with its prefix, among the text's words."""
    found = set(index_words(text))
    return all(
        any(w in found for w in term.exact)
        or (bool(term.prefix) and any(w.startswith(term.prefix) for w in found))
        for term in p.terms
    )


def fts5(p: Plan, column: str = "") -> str:
    """The plan in SQLite FTS5's query syntax, restricted to ``column`` when given."""
    parts = []
    for term in p.terms:
        options = [f'"{w}"' for w in term.exact] + ([f'"{term.prefix}" *'] if term.prefix else [])
        parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    expression = " AND ".join(parts)
    return f"{{{column}}} : ({expression})" if column else expression


def tsquery(p: Plan, weight: str = "") -> str:
    """The plan for PostgreSQL's ``to_tsquery('simple', …)``, restricted to lexemes of
    ``weight`` (A: the name, B: the producer) when given."""
    parts = []
    for term in p.terms:
        options = [f"{w}:{weight}" if weight else w for w in term.exact]
        if term.prefix:
            options.append(f"{term.prefix}:*{weight}")
        parts.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    return " & ".join(parts)
