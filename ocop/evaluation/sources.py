"""Where a round's dossiers come from besides the province's accepted ones.

A provincial round takes the dossiers its province accepted for it (``councils.candidates``).
The ministry's rounds take what the layers above send them: recognition registers the 5★
packages the central office received (Điều 7.4.a), and the products a province has
evaluated again after the ministry's result (Điều 7.4.g). Evaluation only calls what is
registered, so it imports nothing above it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Source:
    # Dossiers the round may also take (each source applies its own "not yet evaluated").
    include: Callable[..., QuerySet] | None = None
    # Dossiers the round must not take although accepted (they go elsewhere).
    exclude: Callable[..., QuerySet] | None = None
    # The day a re-evaluation's 45-day clock starts, when the source knows it (Điều 7.6.g).
    clock: Callable[..., dt.date | None] | None = None


_SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def included(rnd) -> list[QuerySet]:
    return [s.include(rnd) for s in _SOURCES if s.include]


def excluded(rnd) -> list[QuerySet]:
    return [s.exclude(rnd) for s in _SOURCES if s.exclude]


def clock_for(rnd, dossier) -> dt.date | None:
    for s in _SOURCES:
        day = s.clock(rnd, dossier) if s.clock else None
        if day is not None:
            return day
    return None
