"""Who may do what with trade-promotion events.

- The provincial OCOP office manages the events of its province (creates, edits, publishes,
  cancels them, accepts or declines producers, adds producers directly); central officers
  and administrators do so everywhere.
- A producer's active accounts apply for it to published events that have not ended, with
  its products whose certificate is in force, see its applications and withdraw them.
- Everybody, signed in or not, sees the published (and cancelled) events and the accepted
  producers and products: the calendar and the event pages.
"""

from ocop.accounts import rules as account_rules
from ocop.lib.scope import Scope
from ocop.producers.rules import producer_ids


def event_scope(user) -> Scope:
    """The events whose management the user shares: its provinces' (central: all)."""
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(province_id=account_rules.officer_provinces(user))


def participation_scope(user) -> Scope:
    """The applications a producer's account sees: its producers' own."""
    return Scope.of(producer_id=producer_ids(user))


def is_organiser(user) -> bool:
    """Has the events page of an office: a province officer, a central officer, an admin."""
    return not event_scope(user).empty


def can_manage(user, event) -> bool:
    return event_scope(user).covers(event)


def can_create_in(user, province) -> bool:
    return account_rules.is_central(user) or province.pk in account_rules.officer_provinces(user)


def is_exhibitor(user) -> bool:
    """Acts for at least one producer: may apply to events."""
    return bool(producer_ids(user))


def acts_for(user, producer) -> bool:
    return producer.pk in producer_ids(user)


def event_provinces(user) -> set[int] | None:
    """Provinces in which the user may create events (None: all)."""
    if account_rules.is_central(user):
        return None
    return account_rules.officer_provinces(user)
