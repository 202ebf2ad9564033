"""Who may edit and who moderates what a producer shows the public.

- A producer's active accounts (``ProducerMembership``) propose changes to its own listing and
  its products' listings, and withdraw them. Nobody else does, not even an officer: the
  public story is the producer's own voice.
- The provincial OCOP office of the producer's province (``producer.commune.province``), and
  central officers and administrators everywhere, approve or decline changes, hide a listing
  with a reason and show it again, and choose whether their province moderates at all.
- Commune officers, council members and other producers have no part in it.
"""

from ocop.accounts import rules as account_rules
from ocop.lib.scope import Scope
from ocop.producers.rules import producer_ids


def own_scope(user) -> Scope:
    """The producers whose listings the user edits (seen from ``Producer``)."""
    return Scope.of(pk=producer_ids(user))


def moderation_scope(user) -> Scope:
    """The producers whose listings the user moderates (seen from ``Producer``)."""
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(commune__province_id=account_rules.officer_provinces(user))


def is_editor(user) -> bool:
    return bool(producer_ids(user))


def is_moderator(user) -> bool:
    return not moderation_scope(user).empty


def can_edit(user, producer) -> bool:
    return producer.pk in producer_ids(user)


def can_moderate(user, producer) -> bool:
    return moderation_scope(user).covers(producer)


def moderated_provinces(user) -> set[int] | None:
    """Ids of the provinces whose moderation the user sets (None: every province)."""
    if account_rules.is_central(user):
        return None
    return account_rules.officer_provinces(user)


def can_set_moderation(user, province) -> bool:
    provinces = moderated_provinces(user)
    return provinces is None or province.pk in provinces
