"""What "recognised" means for a product, as dossiers need it: the hook through which the
recognition app (a layer above) tells dossiers which recognition a product stands on.

Upgrades (Điều 6.1.b, 7.5) and re-evaluations (Điều 6.1.c, 7.6) are only for a recognised
product, and copy the dossier its recognition rests on. Dossiers cannot import recognition,
so recognition registers a provider at start-up (``ocop.recognition.registry``); without
one, no product is recognised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocop.dossiers.models import Dossier


@dataclass(frozen=True)
class Standing:
    """The recognition a product stands on today."""

    dossier: Dossier  # the dossier the recognition rests on (upgrades and re-evaluations copy it)
    stars: int
    decided_on: dt.date
    expires_on: dt.date  # the last day of validity (``ocop.legal.validity.expiry``)
    reference: str  # the decision's number, for messages


Provider = Callable[[object], "Standing | None"]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add ``provider(product) -> Standing | None`` (once; registering again is a no-op)."""
    if provider not in _providers:
        _providers.append(provider)


def standing_of(product) -> Standing | None:
    """The product's standing recognition, from the first provider that knows one."""
    for provider in _providers:
        found = provider(product)
        if found is not None:
            return found
    return None
