"""Who may see or act for a producer. Objects that belong to a producer (its evidence,
products, ideas, dossiers) are reached through ``producer_scope``.

An account acts for a producer through a ``ProducerMembership``. Officers of the producer's
commune or province, and central officers, manage it and may act on its behalf (many
producers are not IT people); every such step is audited with the officer's name.
"""

from ocop.accounts import rules as account_rules
from ocop.lib.scope import Scope
from ocop.producers.models import ProducerMembership


def producer_ids(user) -> set[int]:
    """Ids of the producers the user acts for, loaded once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_ocop_producer_ids", None)
    if cached is None:
        cached = user._ocop_producer_ids = set(
            ProducerMembership.objects.active()
            .filter(user=user)
            .values_list("producer_id", flat=True)
        )
    return cached


def forget_producers(user) -> None:
    user.__dict__.pop("_ocop_producer_ids", None)


def is_producer_account(user) -> bool:
    return bool(producer_ids(user))


def producer_scope(user) -> Scope:
    """The producers a user sees: their own, their commune's or province's, or all (central)."""
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(
        pk=producer_ids(user),
        commune_id=account_rules.officer_communes(user),
        commune__province_id=account_rules.officer_provinces(user),
    )


def can_view_producer(user, producer) -> bool:
    return producer_scope(user).covers(producer)


# Editing a producer's data takes the same rights as seeing its private details (for now).
can_edit_producer = can_view_producer


def can_manage_producer(actor, producer) -> bool:
    """Officers of the producer's commune or province, and central officers."""
    return account_rules.serves_commune(actor, producer.commune_id, producer.commune.province_id)


def can_remove_account(actor, membership) -> bool:
    return (
        membership.revoked_at is None
        and membership.user_id != actor.pk
        and can_manage_producer(actor, membership.producer)
    )
