"""Every change to events and participations: one function each, in one transaction, with
one audit entry, refused with a ``PromotionError`` whose message says why (in Vietnamese).

- Events: ``create_event``, ``update_event``, ``publish_event``, ``cancel_event``, by the
  provincial office of the event's province or central officers (``rules.can_manage``).
- Participations: ``apply`` and ``withdraw`` by the producer's accounts; ``accept``,
  ``decline`` (with a reason) and ``add_participant`` by the office. Only the producer's
  own products holding a certificate in force today take part (an OCOP event shows OCOP
  products), and only in a published event that has not ended.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.queries import holders
from ocop.audit.log import diff, record, snapshot
from ocop.notify.send import notify
from ocop.producers.queries import accounts_of
from ocop.promotion import queries, rules
from ocop.promotion.enums import (
    EDITABLE_STATES,
    EVENT_TRANSITIONS,
    LIVE_STATES,
    MAY_BE_PERMANENT,
    PARTICIPATION_TRANSITIONS,
    EventKind,
    EventState,
    ParticipationState,
)
from ocop.promotion.errors import PromotionError
from ocop.promotion.models import Event, Participation

MAX_TEXT = 5000
EVENT_FIELDS = [
    "kind",
    "name",
    "province",
    "place",
    "latitude",
    "longitude",
    "starts_on",
    "ends_on",
    "description",
    "organiser",
    "website",
]
REQUIRED = ("name", "place", "organiser")


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- events -----------------------------------------------------------------------------


def event_problems(fields: dict) -> list[str]:
    """What is wrong with an event's fields, each said once (the form shows the same)."""
    problems = []
    kind, starts_on, ends_on = fields.get("kind"), fields.get("starts_on"), fields.get("ends_on")
    if kind not in EventKind.values:
        problems.append(_("Hãy chọn loại sự kiện."))
    if any(not str(fields.get(name) or "").strip() for name in REQUIRED):
        problems.append(_("Hãy ghi tên sự kiện, địa điểm và đơn vị tổ chức."))
    if fields.get("province") is None:
        problems.append(_("Hãy chọn tỉnh, thành phố nơi tổ chức sự kiện."))
    if starts_on is None:
        problems.append(_("Hãy ghi ngày bắt đầu."))
    if ends_on is None and kind in EventKind.values and kind not in MAY_BE_PERMANENT:
        problems.append(_("Hội chợ, lễ hội phải có ngày kết thúc."))
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        problems.append(end_before_start(starts_on, ends_on))
    website = (fields.get("website") or "").strip()
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            problems.append(_("Hãy ghi địa chỉ trang web bắt đầu bằng http:// hoặc https://."))
    if len(fields.get("description") or "") > MAX_TEXT:
        problems.append(_("Phần giới thiệu dài quá %(n)s ký tự.") % {"n": MAX_TEXT})
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        problems.append(_("Hãy ghi cả vĩ độ và kinh độ, hoặc để trống cả hai."))
    return problems


def end_before_start(starts_on: dt.date, ends_on: dt.date) -> str:
    return _("Ngày kết thúc (%(end)s) không được trước ngày bắt đầu (%(start)s).") % {
        "end": _day(ends_on),
        "start": _day(starts_on),
    }


def _clean(event: Event, fields: dict) -> None:
    problems = event_problems(fields)
    if problems:
        raise PromotionError(" ".join(problems))
    for name in ("name", "place", "organiser", "website", "description"):
        setattr(event, name, (getattr(event, name) or "").strip())
    try:
        event.full_clean(exclude=["created_by", "updated_by"])
    except ValidationError as exc:
        raise PromotionError(" ".join(exc.messages)) from None


@transaction.atomic
def create_event(*, actor, **fields) -> Event:
    """A draft event of ``fields["province"]`` (``EVENT_FIELDS``), by its province's office."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise PromotionError(_("Không ghi được: %(fields)s.") % {"fields": ", ".join(unknown)})
    province = fields.get("province")
    if province is not None and not rules.can_create_in(actor, province):
        raise PromotionError(_("Bạn không có quyền tạo sự kiện ở tỉnh, thành phố này."))
    fields = {"description": "", "website": "", **fields}
    event = Event(created_by=actor, updated_by=actor, **fields)
    _clean(event, fields)
    event.save()
    record(
        "event.created",
        actor=actor,
        obj=event,
        changes=snapshot(event, ["kind", "name", "province", "starts_on", "ends_on"]),
    )
    return event


@transaction.atomic
def update_event(event: Event, *, actor, **fields) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise PromotionError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(unknown)})
    event = _locked(event, actor)
    if event.state not in EDITABLE_STATES:
        raise PromotionError(_("Sự kiện đã hủy: không sửa được nữa."))
    province = fields.get("province", event.province)
    if province is not None and not rules.can_create_in(actor, province):
        raise PromotionError(_("Bạn chỉ chuyển sự kiện tới tỉnh, thành phố mình quản lý."))
    before = snapshot(event, fields)
    for name, value in fields.items():
        setattr(event, name, value)
    _clean(event, {name: getattr(event, name) for name in EVENT_FIELDS})
    changes = diff(before, snapshot(event, fields))
    if changes:
        event.updated_by = actor
        event.save(update_fields=[*fields, "updated_by", "updated_at"])
        record("event.updated", actor=actor, obj=event, changes=changes)
    return event


def _locked(event: Event, actor) -> Event:
    event = Event.objects.select_for_update().select_related("province").get(pk=event.pk)
    if not rules.can_manage(actor, event):
        raise PromotionError(_("Bạn không có quyền quản lý sự kiện này."))
    return event


def _event_step(event: Event, step: str) -> EventState:
    target = EVENT_TRANSITIONS.get((step, EventState(event.state)))
    if target is None:
        raise PromotionError(
            _("Sự kiện %(state)s: không thực hiện được thao tác này.")
            % {"state": event.get_state_display().lower()}
        )
    return target


@transaction.atomic
def publish_event(event: Event, *, actor) -> Event:
    """The event appears on the public calendar and producers may apply to it."""
    event = _locked(event, actor)
    event.state = _event_step(event, "publish")
    event.updated_by = actor
    event.published_at = event.published_at or timezone.now()
    event.save(update_fields=["state", "published_at", "updated_by", "updated_at"])
    record(
        "event.published",
        actor=actor,
        obj=event,
        changes={"state": [EventState.DRAFT, event.state]},
    )
    return event


@transaction.atomic
def cancel_event(event: Event, *, actor, reason: str = "") -> Event:
    """A cancelled event keeps its page ("Đã hủy"); the producers taking part are told."""
    event = _locked(event, actor)
    before = event.state
    event.state = _event_step(event, "cancel")
    event.cancel_reason = _text(reason)
    event.updated_by = actor
    event.save(update_fields=["state", "cancel_reason", "updated_by", "updated_at"])
    record(
        "event.cancelled",
        actor=actor,
        obj=event,
        changes={"state": [before, event.state], "cancel_reason": event.cancel_reason},
    )
    live = event.participations.filter(state__in=LIVE_STATES).select_related("producer")
    for participation in live:
        _tell(
            participation,
            "event.cancelled",
            _("Sự kiện “%(event)s” đã hủy") % {"event": event.name},
            event.cancel_reason,
            actor,
        )
    return event


# --- participations ---------------------------------------------------------------------


def _text(value, message: str = "") -> str:
    value = (value or "").strip()
    if not value and message:
        raise PromotionError(message)
    if len(value) > MAX_TEXT:
        raise PromotionError(_("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_TEXT})
    return value


def _products(producer, products, today: dt.date) -> list:
    """The products as given, refused unless each is the producer's and certified today."""
    products = list({p.pk: p for p in products}.values())
    if not products:
        raise PromotionError(_("Hãy chọn ít nhất một sản phẩm tham gia."))
    problems = []
    certified = set(queries.certified_products(producer, today).values_list("pk", flat=True))
    for product in products:
        if product.producer_id != producer.pk:
            problems.append(
                _("Sản phẩm “%(name)s” không phải của %(producer)s.")
                % {"name": product.name, "producer": producer.name}
            )
        elif product.pk not in certified:
            problems.append(
                _("Sản phẩm “%(name)s” không có giấy chứng nhận OCOP còn hiệu lực.")
                % {"name": product.name}
            )
    if problems:
        raise PromotionError(" ".join(problems))
    return sorted(products, key=lambda p: p.name)


def _open(event: Event, today: dt.date) -> Event:
    event = Event.objects.select_for_update().select_related("province").get(pk=event.pk)
    if event.state != EventState.PUBLISHED:
        raise PromotionError(_("Sự kiện chưa công bố hoặc đã hủy: không nhận đăng ký."))
    if event.has_ended(today):
        raise PromotionError(_("Sự kiện đã kết thúc: không nhận đăng ký nữa."))
    return event


def _step(participation: Participation, step: str) -> ParticipationState:
    target = PARTICIPATION_TRANSITIONS.get((step, ParticipationState(participation.state)))
    if target is None:
        raise PromotionError(
            _("Đăng ký của %(producer)s đang ở trạng thái “%(state)s”: không thực hiện được.")
            % {
                "producer": participation.producer.name,
                "state": participation.get_state_display(),
            }
        )
    return target


def _existing(event: Event, producer) -> Participation | None:
    return (
        Participation.objects.select_for_update()
        .select_related("producer")
        .filter(event=event, producer=producer)
        .first()
    )


@transaction.atomic
def apply(event: Event, *, actor, producer, products, note: str = "") -> Participation:
    """The producer applies to take part in ``event`` with some of its certified products."""
    if not rules.acts_for(actor, producer):
        raise PromotionError(_("Bạn không đăng ký thay cho chủ thể này được."))
    today = timezone.localdate()
    event = _open(event, today)
    chosen = _products(producer, products, today)
    note = _text(note)
    participation = _existing(event, producer)
    if participation is None:
        participation = Participation.objects.create(
            event=event, producer=producer, note=note, applied_by=actor
        )
    else:
        if participation.state in LIVE_STATES:
            raise PromotionError(
                _("%(producer)s đã đăng ký sự kiện này.") % {"producer": producer.name}
            )
        if participation.state == ParticipationState.DECLINED:
            raise PromotionError(
                _(
                    "Đăng ký của %(producer)s đã không được nhận; hãy liên hệ đơn vị tổ chức "
                    "nếu muốn được xem xét lại."
                )
                % {"producer": producer.name}
            )
        participation.state = _step(participation, "apply")
        participation.note, participation.applied_by = note, actor
        participation.applied_at = timezone.now()
        participation.decided_at = participation.decided_by = None
        participation.decline_reason = ""
        participation.save(
            update_fields=[
                "state",
                "note",
                "applied_by",
                "applied_at",
                "decided_at",
                "decided_by",
                "decline_reason",
            ]
        )
    participation.products.set(chosen)
    record(
        "participation.applied",
        actor=actor,
        obj=participation,
        changes={"event": event.name, "products": [p.name for p in chosen], "note": note},
    )
    notify(
        holders(Role.PROVINCE_OFFICER, province=event.province),
        "participation.applied",
        subject=_("%(producer)s đăng ký tham gia “%(event)s”")
        % {"producer": producer.name, "event": event.name},
        url=reverse("promotion:manage_event", args=[event.code]),
        note=note,
        exclude=actor,
    )
    return participation


def _participation(participation: Participation) -> Participation:
    return (
        Participation.objects.select_for_update(of=("self",))
        .select_related("event__province", "producer")
        .get(pk=participation.pk)
    )


@transaction.atomic
def withdraw(participation: Participation, *, actor) -> Participation:
    """The producer withdraws its application, or its participation once accepted."""
    participation = _participation(participation)
    if not rules.acts_for(actor, participation.producer):
        raise PromotionError(_("Bạn không rút đăng ký thay cho chủ thể này được."))
    if participation.event.has_ended():
        raise PromotionError(_("Sự kiện đã kết thúc."))
    before = participation.state
    participation.state = _step(participation, "withdraw")
    participation.save(update_fields=["state"])
    record(
        "participation.withdrawn",
        actor=actor,
        obj=participation,
        changes={"event": participation.event.name, "state": [before, participation.state]},
    )
    return participation


def _decidable(participation: Participation, actor) -> Participation:
    participation = _participation(participation)
    if not rules.can_manage(actor, participation.event):
        raise PromotionError(_("Bạn không có quyền xét đăng ký của sự kiện này."))
    if participation.event.state == EventState.CANCELLED:
        raise PromotionError(_("Sự kiện đã hủy."))
    return participation


@transaction.atomic
def accept(participation: Participation, *, actor) -> Participation:
    """The office takes the producer in; its products must still be certified today."""
    participation = _decidable(participation, actor)
    state = _step(participation, "accept")
    _products(participation.producer, participation.products.all(), timezone.localdate())
    participation.state = state
    participation.decided_at, participation.decided_by = timezone.now(), actor
    participation.save(update_fields=["state", "decided_at", "decided_by"])
    record(
        "participation.accepted",
        actor=actor,
        obj=participation,
        changes={"event": participation.event.name, "producer": participation.producer.name},
    )
    _tell(
        participation,
        "participation.accepted",
        _("Được nhận tham gia “%(event)s”") % {"event": participation.event.name},
        "",
        actor,
    )
    return participation


@transaction.atomic
def decline(participation: Participation, *, actor, reason: str) -> Participation:
    participation = _decidable(participation, actor)
    state = _step(participation, "decline")
    participation.decline_reason = _text(reason, _("Hãy ghi lý do không nhận."))
    participation.state = state
    participation.decided_at, participation.decided_by = timezone.now(), actor
    participation.save(update_fields=["state", "decline_reason", "decided_at", "decided_by"])
    record(
        "participation.declined",
        actor=actor,
        obj=participation,
        changes={
            "event": participation.event.name,
            "producer": participation.producer.name,
            "decline_reason": participation.decline_reason,
        },
    )
    _tell(
        participation,
        "participation.declined",
        _("Không được nhận tham gia “%(event)s”") % {"event": participation.event.name},
        participation.decline_reason,
        actor,
    )
    return participation


@transaction.atomic
def add_participant(event: Event, *, actor, producer, products) -> Participation:
    """The office puts a producer in the event directly (accepted), with some of its
    certified products: a producer it invited, or one that applied on paper."""
    event = _locked(event, actor)
    today = timezone.localdate()
    if event.state == EventState.CANCELLED:
        raise PromotionError(_("Sự kiện đã hủy."))
    if event.has_ended(today):
        raise PromotionError(_("Sự kiện đã kết thúc."))
    chosen = _products(producer, products, today)
    participation = _existing(event, producer)
    now = timezone.now()
    if participation is None:
        participation = Participation.objects.create(
            event=event,
            producer=producer,
            state=ParticipationState.ACCEPTED,
            applied_by=actor,
            decided_by=actor,
            decided_at=now,
        )
    else:
        if participation.state in LIVE_STATES:
            raise PromotionError(
                _("%(producer)s đã có trong danh sách đăng ký của sự kiện này.")
                % {"producer": producer.name}
            )
        participation.state = _step(participation, "add")
        participation.decided_at, participation.decided_by = now, actor
        participation.decline_reason = ""
        participation.save(update_fields=["state", "decided_at", "decided_by", "decline_reason"])
    participation.products.set(chosen)
    record(
        "participation.added",
        actor=actor,
        obj=participation,
        changes={"event": event.name, "products": [p.name for p in chosen]},
    )
    _tell(
        participation,
        "participation.added",
        _("Được mời tham gia “%(event)s”") % {"event": event.name},
        "",
        actor,
    )
    return participation


def _tell(participation: Participation, verb: str, subject: str, note: str, actor) -> None:
    """The producer's accounts hear of a decision on its participation."""
    notify(
        accounts_of(participation.producer),
        verb,
        subject=subject,
        url=reverse("promotion:application", args=[participation.code]),
        note=note,
        exclude=actor,
    )
