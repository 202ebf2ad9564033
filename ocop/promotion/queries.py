"""How pages fetch events and applications, and what other apps ask of this one.

- Private objects only through a scope (404 outside): ``event_for`` (the office's),
  ``participation_for`` (the producer's).
- Public: ``public_events`` (the calendar), ``public_event`` (an event's page), and for the
  catalogue's product and producer pages ``upcoming_for_products`` and
  ``upcoming_for_producer``: the published events, not ended, a product or producer takes
  part in (accepted).
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Case, F, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from ocop.certificates.models import Certificate
from ocop.lib.scope import get_in_scope_or_404
from ocop.producers.models import Producer
from ocop.products.models import Product
from ocop.promotion import rules
from ocop.promotion.enums import PUBLIC_STATES, EventState, ParticipationState
from ocop.promotion.models import Event, Participation

# --- the office's and the producers' ------------------------------------------------------


def event_for(user, code: str) -> Event:
    return get_in_scope_or_404(
        Event.objects.select_related("province"), rules.event_scope(user), code=code
    )


def events_for(user):
    return rules.event_scope(user).filter(Event.objects.select_related("province"))


def participation_for(user, code: str) -> Participation:
    return get_in_scope_or_404(
        Participation.objects.select_related("event__province", "producer"),
        rules.participation_scope(user),
        code=code,
    )


def participations_of(user):
    """The applications of the producers the user acts for, the latest events first."""
    return (
        rules.participation_scope(user)
        .filter(Participation.objects.select_related("event__province", "producer"))
        .prefetch_related(Prefetch("products", queryset=Product.objects.order_by("name")))
        .order_by("-event__starts_on", "-pk")
    )


def exhibitor_producers(user):
    return Producer.objects.filter(pk__in=rules.producer_ids(user)).order_by("name")


def open_events(today: dt.date):
    """Published events that have not ended: those a producer may apply to."""
    return (
        Event.objects.filter(state=EventState.PUBLISHED)
        .not_ended(today)
        .select_related("province")
        .order_by("starts_on", "pk")
    )


def certified_products(producer, day: dt.date):
    """The producer's products holding a certificate in force on ``day``: the only ones that
    may be shown at an OCOP event."""
    in_force = Certificate.objects.in_force_on(day).filter(producer=producer)
    return Product.objects.filter(producer=producer, pk__in=in_force.values("product_id")).order_by(
        "name"
    )


def certified_in_province(province, day: dt.date):
    """Products of the province's producers holding a certificate in force on ``day`` (for
    the office adding a producer directly), their producer with them."""
    in_force = Certificate.objects.in_force_on(day).filter(producer__commune__province=province)
    return (
        Product.objects.filter(pk__in=in_force.values("product_id"))
        .select_related("producer")
        .order_by("producer__name", "name")
    )


def applications(event: Event):
    """An event's applications: waiting ones first, then accepted, then the rest."""
    order = Case(
        When(state=ParticipationState.APPLIED, then=Value(0)),
        When(state=ParticipationState.ACCEPTED, then=Value(1)),
        default=Value(2),
    )
    return (
        event.participations.select_related("producer__commune", "applied_by", "decided_by")
        .prefetch_related(Prefetch("products", queryset=Product.objects.order_by("name")))
        .order_by(order, "applied_at", "pk")
    )


# --- public -----------------------------------------------------------------------------


def public_events(*, today: dt.date, province=None, kind: str = "", past: bool = False):
    """The calendar: published events, running or to come (``past``: those that ended,
    the latest first), of one province and one kind when given. Running events come
    first (the soonest to end first, permanent ones last), then the others by start."""
    qs = Event.objects.filter(state=EventState.PUBLISHED).select_related("province")
    if province is not None:
        qs = qs.filter(province=province)
    if kind:
        qs = qs.filter(kind=kind)
    if past:
        return qs.ended(today).order_by("-ends_on", "-starts_on", "-pk")
    shown_from = Case(When(starts_on__lte=today, then=Value(today)), default=F("starts_on"))
    return qs.not_ended(today).order_by(
        shown_from, F("ends_on").asc(nulls_last=True), "starts_on", "pk"
    )


def public_event(code: str) -> Event:
    """A published event, or a cancelled one that had been published (a draft, even a
    cancelled draft, does not exist for visitors)."""
    return get_object_or_404(
        Event.objects.select_related("province").filter(
            Q(state=EventState.PUBLISHED) | Q(state__in=PUBLIC_STATES, published_at__isnull=False)
        ),
        code=code,
    )


def exhibitors(event: Event) -> list[Participation]:
    """The accepted producers of an event with their products, by name."""
    return list(
        event.participations.filter(state=ParticipationState.ACCEPTED)
        .select_related("producer__commune__province")
        .prefetch_related(Prefetch("products", queryset=Product.objects.order_by("name")))
        .order_by("producer__name", "pk")
    )


def _upcoming(today: dt.date) -> Q:
    return Q(event__state=EventState.PUBLISHED, state=ParticipationState.ACCEPTED) & (
        Q(event__ends_on__isnull=True) | Q(event__ends_on__gte=today)
    )


def upcoming_for_products(product_ids, today: dt.date) -> dict[int, list[Event]]:
    """``{product id: [event, ...]}``: the published events, not ended on ``today``, each
    product is accepted in, by start date. Products in none are left out. Two queries."""
    ids = list(product_ids)
    if not ids:
        return {}
    links = Participation.products.through.objects.filter(
        product_id__in=ids,
        participation__in=Participation.objects.filter(_upcoming(today)),
    ).values_list("product_id", "participation__event_id")
    by_event = defaultdict(set)
    for product_id, event_id in links:
        by_event[event_id].add(product_id)
    found: dict[int, list[Event]] = defaultdict(list)
    for event in Event.objects.filter(pk__in=by_event).select_related("province"):
        for product_id in by_event[event.pk]:
            found[product_id].append(event)
    return {pid: sorted(events, key=_start) for pid, events in found.items()}


def upcoming_for_producer(producer, today: dt.date) -> list[Event]:
    """The published events, not ended on ``today``, the producer is accepted in."""
    events = Participation.objects.filter(_upcoming(today), producer=producer).values("event_id")
    return list(
        Event.objects.filter(pk__in=events).select_related("province").order_by("starts_on", "pk")
    )


def _start(event: Event):
    return (event.starts_on, event.pk)
