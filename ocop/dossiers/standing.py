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

    # The dossier the recognition rests on (upgrades and re-evaluations copy it); None for a
    # certificate issued on paper before the system.
    dossier: Dossier | None
    stars: int
    decided_on: dt.date
    expires_on: dt.date  # the last day of the term (``ocop.legal.validity.expiry``)
    reference: str  # the decision's number, for messages
    # Điều 12.3: the last day of the transitional extension, when it applies; the
    # re-evaluation may still be filed until then and the recognition stands meanwhile.
    extended_until: dt.date | None = None
    certificate: str = ""  # the certificate's number, when there is one
    certificate_url: str = ""  # its page (PDF, QR labels), for the producer

    @property
    def last_day(self) -> dt.date:
        """The last day the recognition stands (the term, or the extension's end)."""
        return max(self.expires_on, self.extended_until or self.expires_on)


Provider = Callable[[object], "Standing | None"]
_providers: list[Provider] = []


def register(provider: Provider, *, replaces: Provider | None = None) -> None:
    """Add ``provider(product) -> Standing | None`` (once; registering again is a no-op).
    ``replaces``: a provider of a lower app that this one supersedes (the certificates app
    replaces the recognition app's decision lines with the certificates issued from them)."""
    if replaces in _providers:
        _providers.remove(replaces)
    if provider not in _providers:
        _providers.append(provider)


def standing_of(product) -> Standing | None:
    """The product's standing recognition, from the first provider that knows one."""
    for provider in _providers:
        found = provider(product)
        if found is not None:
            return found
    return None
