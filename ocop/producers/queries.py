from django.contrib.auth import get_user_model

from ocop.lib.scope import get_in_scope_or_404
from ocop.producers import rules
from ocop.producers.models import EvidenceDocument, Producer, ProducerMembership


def producers_visible_to(user):
    return rules.producer_scope(user).filter(Producer.objects.select_related("commune__province"))


def producer_for(user, code: str) -> Producer:
    """A producer the user may see, or 404."""
    return get_in_scope_or_404(
        Producer.objects.select_related("commune__province"),
        rules.producer_scope(user),
        code=code,
    )


def document_for(user, producer_code: str, code: str) -> EvidenceDocument:
    """A library document the user may read: the producer's own accounts and the offices of
    its commune and province (who review its dossiers), or 404."""
    return get_in_scope_or_404(
        EvidenceDocument.objects.select_related("producer__commune__province"),
        rules.producer_scope(user).through("producer"),
        code=code,
        producer__code=producer_code,
    )


def accounts_of(producer):
    """The active accounts acting for a producer: whom to tell about its dossiers."""
    users = ProducerMembership.objects.active().filter(producer=producer).values("user_id")
    return get_user_model().objects.filter(pk__in=users, is_active=True).order_by("username")


def memberships_of(producer):
    return (
        ProducerMembership.objects.active()
        .filter(producer=producer)
        .select_related("user", "producer__commune")
        .order_by("user__username")
    )
