"""The provincial office's pages (and central officers'): the queue of pending changes, one
change with what is published beside what is proposed, the published listings with hide and
show again, and the province's moderation switch. Anyone else gets a 404
(``rules.moderation_scope``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ocop.audit.log import history
from ocop.listings import actions, links, queries, rules
from ocop.listings.actions import ListingError
from ocop.listings.forms import DeclineForm, HideForm
from ocop.listings.models import (
    ChangeState,
    ModerationSetting,
    ProducerListing,
    ProductListing,
)
from ocop.places.models import Province

PAGE_SIZE = 50
HISTORY_SHOWN = 30
PRODUCERS = "chu-the"


def _moderator(request) -> None:
    if not rules.is_moderator(request.user):
        raise Http404


def _first_error(form) -> str:
    for errors in form.errors.values():
        return " ".join(errors)
    return _("Hãy kiểm tra lại thông tin đã nhập.")


def _listing_history(subject):
    return history(subject).filter(verb__startswith="listing.")[:HISTORY_SHOWN]


# --- the queue ---------------------------------------------------------------------------


@login_required
@require_safe
def queue(request):
    _moderator(request)
    page = Paginator(queries.pending_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "listings/queue.html", {"page": page})


# --- one change --------------------------------------------------------------------------


def _shown(key: str, value):
    if key == "shop_links":
        return [{"label": links.label(i.get("kind", "")), "url": i.get("url", "")} for i in value]
    if key == "photos":
        return queries.photos_by_code(value)
    return value


def _rows(change) -> list[dict]:
    """What is published beside what is proposed, one row per field."""
    if change.product is None:
        fields = [
            ("profile", _("Giới thiệu chủ thể"), "text"),
            ("shop_links", _("Nơi bán trực tuyến"), "links"),
            ("show_phone", _("Công khai số điện thoại"), "bool"),
            ("show_email", _("Công khai e-mail"), "bool"),
        ]
    else:
        fields = [
            ("story", _("Câu chuyện sản phẩm"), "text"),
            ("shop_links", _("Nơi bán trực tuyến"), "links"),
            ("photos", _("Ảnh sản phẩm"), "photos"),
        ]
    current = queries.published_payload(change.producer, change.product)
    proposed = change.payload
    rows = []
    for key, label, kind in fields:
        now, then = current.get(key), proposed.get(key, current.get(key))
        rows.append(
            {
                "label": label,
                "kind": kind,
                "current": _shown(key, now),
                "proposed": _shown(key, then),
                "changed": now != then,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def change_detail(request, code: str):
    change = queries.change_for(request.user, code)
    decline_form = DeclineForm(prefix="d")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            try:
                actions.approve_change(change, actor=request.user)
            except ListingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Đã duyệt: thông tin đã được công khai."))
                return redirect("listings:queue")
        elif action == "decline":
            decline_form = DeclineForm(request.POST, prefix="d")
            if decline_form.is_valid():
                try:
                    actions.decline_change(
                        change, actor=request.user, reason=decline_form.cleaned_data["reason"]
                    )
                except ListingError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã trả lại đề nghị, kèm lý do cho chủ thể."))
                    return redirect("listings:queue")
            else:
                messages.error(request, _first_error(decline_form))
        else:
            messages.error(request, _("Không rõ thao tác."))
        change.refresh_from_db()
    subject = change.product or change.producer
    if change.product is not None:
        listing = ProductListing.objects.filter(product=change.product).first()
    else:
        listing = ProducerListing.objects.filter(producer=change.producer).first()
    return render(
        request,
        "listings/change.html",
        {
            "change": change,
            "rows": _rows(change),
            "listing": listing,
            "decline_form": decline_form if change.state == ChangeState.PENDING else None,
            "history": _listing_history(subject),
        },
        status=200 if not decline_form.errors else 400,
    )


# --- published listings ------------------------------------------------------------------


@login_required
@require_safe
def published(request):
    _moderator(request)
    kind = PRODUCERS if request.GET.get("loai") == PRODUCERS else ""
    hidden_only = request.GET.get("an") == "1"
    q = request.GET.get("q", "").strip()[:100]
    if kind == PRODUCERS:
        rows = queries.producer_listings_for(request.user)
        if q:
            rows = rows.filter(producer__name__icontains=q)
        rows = rows.order_by("producer__name", "pk")
    else:
        rows = queries.product_listings_for(request.user)
        if q:
            rows = rows.filter(product__name__icontains=q)
        rows = rows.order_by("product__name", "pk")
    if hidden_only:
        rows = rows.filter(hidden_at__isnull=False)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "listings/published.html",
        {"page": page, "kind": kind, "hidden_only": hidden_only, "q": q, "producers": PRODUCERS},
    )


def _hide_or_show(request, listing, subject):
    hide_form = HideForm(prefix="h")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "hide":
            hide_form = HideForm(request.POST, prefix="h")
            if hide_form.is_valid():
                try:
                    actions.hide_listing(
                        listing, actor=request.user, reason=hide_form.cleaned_data["reason"]
                    )
                except ListingError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã ẩn thông tin khỏi trang công khai."))
                    return None
            else:
                messages.error(request, _first_error(hide_form))
        elif action == "show":
            try:
                actions.show_listing(listing, actor=request.user)
            except ListingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Đã hiện lại thông tin trên trang công khai."))
                return None
        else:
            messages.error(request, _("Không rõ thao tác."))
        listing.refresh_from_db()
    return render(
        request,
        "listings/listing.html",
        {
            "listing": listing,
            "subject": subject,
            "is_producer": isinstance(listing, ProducerListing),
            "listing_links": [
                {"label": links.label(i.get("kind", "")), "url": i.get("url", "")}
                for i in listing.shop_links
            ],
            "hide_form": None if listing.is_hidden else hide_form,
            "history": _listing_history(subject),
        },
        status=400 if hide_form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def product_listing(request, code: str):
    listing = queries.product_listing_for(request.user, code)
    response = _hide_or_show(request, listing, listing.product)
    return response or redirect("listings:product_listing", code=code)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def producer_listing(request, code: str):
    listing = queries.producer_listing_for(request.user, code)
    response = _hide_or_show(request, listing, listing.producer)
    return response or redirect("listings:producer_listing", code=code)


# --- the province's switch ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def moderation(request):
    _moderator(request)
    provinces = rules.moderated_provinces(request.user)
    places = Province.objects.order_by("name")
    if provinces is not None:
        places = places.filter(pk__in=provinces)
    if request.method == "POST":
        province = places.filter(code=request.POST.get("province", "")[:2]).first()
        value = request.POST.get("moderation")
        if province is None or value not in ("0", "1"):
            messages.error(
                request, _("Hãy chọn tỉnh, thành phố trong địa bàn của bạn và cách duyệt.")
            )
        else:
            try:
                setting = actions.set_moderation(
                    province, actor=request.user, moderation=value == "1"
                )
            except ListingError as exc:
                messages.error(request, str(exc))
            else:
                if setting.moderation:
                    note = _(
                        "%(province)s: chỉnh sửa của chủ thể chờ cán bộ duyệt rồi mới công khai."
                    )
                else:
                    note = _(
                        "%(province)s: chỉnh sửa của chủ thể được công khai ngay, không chờ duyệt."
                    )
                messages.success(request, note % {"province": province.name})
        return redirect("listings:moderation")
    settings = {
        s.province_id: s
        for s in ModerationSetting.objects.filter(province__in=places).select_related("updated_by")
    }
    pending: dict[int, int] = {}
    for key in queries.pending_for(request.user).values_list(
        "producer__commune__province_id", flat=True
    ):
        pending[key] = pending.get(key, 0) + 1
    rows = [
        {
            "province": p,
            "moderation": settings[p.pk].moderation if p.pk in settings else True,
            "setting": settings.get(p.pk),
            "pending": pending.get(p.pk, 0),
        }
        for p in places
    ]
    return render(request, "listings/moderation.html", {"rows": rows})
