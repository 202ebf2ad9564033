"""Who may see and review products, ideas and plans: the producer's scope, one level down."""

from ocop.accounts import rules as account_rules
from ocop.lib.scope import Scope
from ocop.producers.rules import can_edit_producer, producer_scope


def product_scope(user) -> Scope:
    """Products and ideas are seen by whoever sees their producer."""
    return producer_scope(user).through("producer")


def can_edit_product(user, product) -> bool:
    return can_edit_producer(user, product.producer)


def can_review(actor, producer) -> bool:
    """Commune officers of the producer's commune review its ideas and plans."""
    return producer.commune_id in account_rules.officer_communes(actor)
