"""What a certificate means on a given day, from what happened to it and its dates. Pure: no
Django, no database (strict mypy), so every boundary is tested directly.

- Superseded or revoked: that, whatever the date (house rule 4: it ended by a decision).
- Before its first valid day: pending.
- Up to its last valid day (Điều 4.3): valid; "expiring" from the day the re-evaluation
  window opens, 180 days before (Điều 7.6.a).
- After it: extended while the Điều 12.3 extension runs (``legal.validity.extension_end``)
  and no result ended it; otherwise expired. The daily job marks the state expired after
  the fact, but the status never waits for it.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Final

from ocop.legal.validity import expiring_soon

PENDING: Final = "pending"
VALID: Final = "valid"
EXPIRING: Final = "expiring"
EXTENDED: Final = "extended"
EXPIRED: Final = "expired"
REVOKED: Final = "revoked"
SUPERSEDED: Final = "superseded"

IN_FORCE: Final = frozenset({VALID, EXPIRING, EXTENDED})


@dataclass(frozen=True)
class Dates:
    state: str  # "active", "superseded", "revoked", "expired" (``enums.State``)
    valid_from: dt.date
    expires_on: dt.date  # the last valid day of the term
    extended_until: dt.date | None  # the last day under Điều 12.3, or None


def status_on(cert: Dates, today: dt.date) -> str:
    if cert.state == SUPERSEDED:
        return SUPERSEDED
    if cert.state == REVOKED:
        return REVOKED
    if cert.state == EXPIRED:
        return EXPIRED
    if today < cert.valid_from:
        return PENDING
    if today <= cert.expires_on:
        return EXPIRING if expiring_soon(cert.expires_on, today) else VALID
    if cert.extended_until is not None and today <= cert.extended_until:
        return EXTENDED
    return EXPIRED


def last_valid_day(cert: Dates) -> dt.date:
    """The last day the certificate may be valid while nothing else ends it."""
    return max(cert.expires_on, cert.extended_until or cert.expires_on)


def days_left(cert: Dates, today: dt.date) -> int:
    """Days from ``today`` to the last valid day (0 on it, negative after)."""
    return (last_valid_day(cert) - today).days
