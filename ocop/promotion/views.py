"""The office's pages (its province's events, the event form, an event's applications with
accept / decline / add) and the producers' (events open to apply to, the apply form, their
applications). Private objects come through ``queries`` (404 outside the user's scope);
every change goes through ``actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.audit.models import AuditEntry
from ocop.promotion import actions, queries, rules
from ocop.promotion.actions import EVENT_FIELDS
from ocop.promotion.enums import LIVE_STATES, EventState, ParticipationState
from ocop.promotion.errors import PromotionError
from ocop.promotion.forms import AddParticipantForm, ApplyForm, CancelForm, DeclineForm, EventForm
from ocop.promotion.models import Event, Participation

PAGE_SIZE = 30


def _first_error(form) -> str:
    for errors in form.errors.values():
        return " ".join(errors)
    return _("Hãy kiểm tra lại thông tin đã nhập.")


# --- the office --------------------------------------------------------------------------


@login_required
def manage(request):
    if not rules.is_organiser(request.user):
        raise Http404
    today = timezone.localdate()
    events = queries.events_for(request.user).annotate(
        waiting=Count("participations", filter=Q(participations__state=ParticipationState.APPLIED)),
        taking_part=Count(
            "participations", filter=Q(participations__state=ParticipationState.ACCEPTED)
        ),
    )
    page = Paginator(events.order_by("-starts_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "promotion/manage.html", {"page": page, "today": today})


@login_required
def new(request):
    user = request.user
    if not rules.is_organiser(user):
        raise Http404
    form = EventForm(request.POST or None, provinces=rules.event_provinces(user))
    if request.method == "POST":
        if form.is_valid():
            try:
                event = actions.create_event(
                    actor=user, **{f: form.cleaned_data[f] for f in EVENT_FIELDS}
                )
            except PromotionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("Đã tạo sự kiện %(name)s (bản nháp). Hãy công bố khi sẵn sàng.")
                    % {"name": event.name},
                )
                return redirect("promotion:manage_event", event.code)
        else:
            messages.error(request, _first_error(form))
    return render(request, "promotion/event_form.html", {"form": form, "event": None})


@login_required
def edit(request, code: str):
    event = queries.event_for(request.user, code)
    if event.state == EventState.CANCELLED:
        messages.error(request, _("Sự kiện đã hủy: không sửa được nữa."))
        return redirect("promotion:manage_event", event.code)
    form = EventForm(
        request.POST or None, instance=event, provinces=rules.event_provinces(request.user)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_event(
                    event, actor=request.user, **{f: form.cleaned_data[f] for f in EVENT_FIELDS}
                )
            except PromotionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("promotion:manage_event", event.code)
        else:
            messages.error(request, _first_error(form))
    return render(request, "promotion/event_form.html", {"form": form, "event": event})


DONE = {
    "publish": gettext_lazy("Đã công bố sự kiện: sự kiện hiện trên lịch công khai."),
    "cancel": gettext_lazy("Đã hủy sự kiện."),
    "accept": gettext_lazy("Đã nhận chủ thể tham gia."),
    "decline": gettext_lazy("Đã ghi không nhận và báo cho chủ thể."),
    "add": gettext_lazy("Đã thêm chủ thể tham gia."),
}


@login_required
def manage_event(request, code: str):
    event = queries.event_for(request.user, code)
    today = timezone.localdate()
    bound: dict = {}
    if request.method == "POST":
        response, bound = _post(request, event, today)
        if response is not None:
            return response
    rows = list(queries.applications(event))
    for row in rows:
        if row.state == ParticipationState.APPLIED:
            row.decline_form = bound.get(("decline", row.pk)) or DeclineForm(
                auto_id=f"d{row.pk}-%s"
            )
    open_ = event.state != EventState.CANCELLED and not event.has_ended(today)
    add_form = None
    if open_:
        add_form = bound.get("add") or AddParticipantForm(
            products=_addable(event, today), auto_id="a-%s"
        )
        if not add_form.is_bound and not add_form.fields["products"].queryset:
            add_form = None
    return render(
        request,
        "promotion/manage_event.html",
        {
            "event": event,
            "rows": rows,
            "waiting": sum(r.state == ParticipationState.APPLIED for r in rows),
            "open": open_,
            "add_form": add_form,
            "cancel_form": bound.get("cancel") or CancelForm(auto_id="c-%s"),
            "can_publish": event.state == EventState.DRAFT,
            "can_cancel": event.state != EventState.CANCELLED,
            "history": _history(event, rows),
            "today": today,
        },
    )


def _history(event, rows):
    """The event's audit entries with those of its applications, newest first."""
    of = ContentType.objects.get_for_model
    q = Q(content_type=of(Event), object_id=str(event.pk)) | Q(
        content_type=of(Participation), object_id__in=[str(r.pk) for r in rows]
    )
    return (
        AuditEntry.objects.filter(q).select_related("actor", "content_type").order_by("-at")[:100]
    )


def _addable(event, today):
    taken = event.participations.filter(state__in=LIVE_STATES).values("producer_id")
    return queries.certified_in_province(event.province, today).exclude(producer_id__in=taken)


def _post(request, event, today):
    """One POST of the event's page: ``(redirect, {})`` when done, else ``(None, bound)``
    with the refused form to show again."""
    user, action = request.user, request.POST.get("action", "")
    back = redirect(f"{request.path}#applications")
    try:
        if action == "publish":
            actions.publish_event(event, actor=user)
            back = redirect(request.path)
        elif action == "cancel":
            form = CancelForm(request.POST, auto_id="c-%s")
            if not form.is_valid():
                messages.error(request, _first_error(form))
                return None, {"cancel": form}
            actions.cancel_event(event, actor=user, reason=form.cleaned_data["reason"])
            back = redirect(request.path)
        elif action in ("accept", "decline"):
            participation = get_object_or_404(
                event.participations.select_related("producer"),
                code=request.POST.get("don", "")[:12],
            )
            if action == "accept":
                actions.accept(participation, actor=user)
            else:
                form = DeclineForm(request.POST, auto_id=f"d{participation.pk}-%s")
                if not form.is_valid():
                    messages.error(request, _first_error(form))
                    return None, {("decline", participation.pk): form}
                actions.decline(participation, actor=user, reason=form.cleaned_data["reason"])
        elif action == "add":
            form = AddParticipantForm(request.POST, products=_addable(event, today), auto_id="a-%s")
            if not form.is_valid():
                messages.error(request, _first_error(form))
                return None, {"add": form}
            try:
                actions.add_participant(
                    event,
                    actor=user,
                    producer=form.producer(),
                    products=form.cleaned_data["products"],
                )
            except PromotionError as exc:
                messages.error(request, str(exc))
                return None, {"add": form}
        else:
            raise Http404
    except PromotionError as exc:
        messages.error(request, str(exc))
        return redirect(request.path), {}
    messages.success(request, DONE[action])
    return back, {}


# --- producers ---------------------------------------------------------------------------


@login_required
def mine(request):
    if not rules.is_exhibitor(request.user):
        raise Http404
    today = timezone.localdate()
    applications = list(queries.participations_of(request.user))
    applied = {(p.event_id, p.producer_id) for p in applications if p.state in LIVE_STATES}
    producers = list(queries.exhibitor_producers(request.user))
    events = list(queries.open_events(today)[:100])
    for event in events:
        event.applied_for = [p for p in producers if (event.pk, p.pk) in applied]
        event.all_applied = len(event.applied_for) == len(producers)
    return render(
        request,
        "promotion/mine.html",
        {"events": events, "applications": applications, "today": today},
    )


@login_required
def apply(request, code: str):
    user = request.user
    producers = list(queries.exhibitor_producers(user))
    if not producers:
        raise Http404
    event = queries.public_event(code)
    today = timezone.localdate()
    context = {"event": event, "producers": producers, "today": today}
    if event.state != EventState.PUBLISHED or event.has_ended(today):
        context["closed"] = True
        return render(request, "promotion/apply.html", context)
    producer = _chosen_producer(request, producers)
    if producer is None:
        return render(request, "promotion/apply.html", context)
    context["producer"] = producer
    existing = event.participations.filter(producer=producer, state__in=LIVE_STATES).first()
    if existing is not None:
        context["existing"] = existing
        return render(request, "promotion/apply.html", context)
    products = queries.certified_products(producer, today)
    form = ApplyForm(request.POST or None, products=products)
    if request.method == "POST":
        if form.is_valid():
            try:
                participation = actions.apply(
                    event,
                    actor=user,
                    producer=producer,
                    products=form.cleaned_data["products"],
                    note=form.cleaned_data["note"],
                )
            except PromotionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("Đã gửi đăng ký. Đơn vị tổ chức sẽ xét và báo lại cho bạn.")
                )
                return redirect("promotion:application", participation.code)
        else:
            messages.error(request, _first_error(form))
    context["form"] = form
    context["has_products"] = products.exists()
    return render(request, "promotion/apply.html", context)


def _chosen_producer(request, producers):
    """The one producer the user acts for, or the one named by ``?chu-the=`` (None: ask)."""
    if len(producers) == 1:
        return producers[0]
    code = request.GET.get("chu-the", "")[:12]
    return next((p for p in producers if p.code == code), None)


@login_required
def application(request, code: str):
    participation = queries.participation_for(request.user, code)
    if request.method == "POST":
        if request.POST.get("action") != "withdraw":
            raise Http404
        try:
            actions.withdraw(participation, actor=request.user)
        except PromotionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã rút đăng ký."))
        return redirect("promotion:application", participation.code)
    today = timezone.localdate()
    return render(
        request,
        "promotion/application.html",
        {
            "p": participation,
            "event": participation.event,
            "products": participation.products.order_by("name"),
            "can_withdraw": participation.state in LIVE_STATES
            and not participation.event.has_ended(today),
            "today": today,
        },
    )
