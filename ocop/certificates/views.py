"""The officers' and producers' pages: the lists of certificates (Điều 7.6, 8, 12.3) with
their Excel exports, a certificate with its history and its revocation cases, entering a
paper certificate (Điều 12.1), and the revocation queue with its 15-day countdown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts import rules as account_rules
from ocop.audit.log import history
from ocop.certificates import actions, exports, queries, revocation, rules
from ocop.certificates.enums import CaseState, Status
from ocop.certificates.errors import CertificateError
from ocop.certificates.forms import DecideForm, DropForm, EntryForm, OpenCaseForm
from ocop.legal.validity import renewal_window
from ocop.lib.text import download_name
from ocop.places.models import Province
from ocop.products.models import Product

PAGE_SIZE = 50


def _list_args(request):
    name = request.GET.get("ds", "in_force")
    if name not in queries.LISTS:
        name = "in_force"
    try:
        days = int(request.GET.get("ngay", 180))
    except ValueError:
        days = 180
    if days not in queries.EXPIRING_DAYS:
        days = 180
    return name, days


def _filtered(request):
    today = timezone.localdate()
    name, days = _list_args(request)
    qs = queries.certificates_for(request.user)
    province = request.GET.get("tinh", "").strip()[:2]
    if province:  # central officers look at one province at a time
        qs = qs.filter(province__code=province)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(product_name__icontains=q)
            | Q(producer_name__icontains=q)
            | Q(code=q.upper())
        )
    return queries.listing(qs, name, today, days), name, days, q, today


def _provinces(user):
    """The provinces a user may pick from (central officers: all 34)."""
    if account_rules.is_central(user):
        return Province.objects.order_by("name")
    return Province.objects.filter(pk__in=account_rules.officer_provinces(user)).order_by("name")


@login_required
def certificate_list(request):
    if not rules.sees_certificates(request.user):
        raise Http404
    certificates, name, days, q, today = _filtered(request)
    provinces = list(_provinces(request.user))
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    for cert in page:
        cert.today_status = cert.status(today)
        cert.today_label = Status(cert.today_status).label
    return render(
        request,
        "certificates/list.html",
        {
            "page": page,
            "list_name": name,
            "days": days,
            "q": q,
            "provinces": provinces if len(provinces) > 1 else [],
            "province": request.GET.get("tinh", ""),
            "lists": [(n, _label(n)) for n in queries.LISTS],
            "expiring_days": queries.EXPIRING_DAYS,
            "is_office": rules.is_office(request.user),
            "open_cases": queries.open_cases(request.user).count()
            if rules.is_office(request.user)
            else 0,
        },
    )


def _label(name: str) -> str:
    return {
        "in_force": _("Còn hiệu lực"),
        "expiring": _("Sắp hết hạn"),
        "expired": _("Hết hạn, chưa được công nhận lại"),
        "extended": _("Đang gia hạn theo Điều 12.3"),
        "revoked": _("Bị thu hồi trong năm"),
        "all": _("Tất cả"),
    }[name]


@login_required
def export(request):
    if not rules.sees_certificates(request.user):
        raise Http404
    certificates, name, days, _q, today = _filtered(request)
    title = _label(name) + (f" ({days})" if name == "expiring" else "")
    response = HttpResponse(
        exports.certificates_xlsx(certificates, title=title, today=today),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = download_name(f"giay-chung-nhan-{name}-{today:%Y%m%d}", ".xlsx")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def detail(request, code: str):
    cert = queries.certificate_for(request.user, code)
    today = timezone.localdate()
    manage = rules.can_manage(request.user, cert)
    current = cert.current()
    return render(
        request,
        "certificates/detail.html",
        {
            "cert": cert,
            "status": cert.status(today),
            "status_label": Status(cert.status(today)).label,
            "current": current if current != cert else None,
            "earlier": cert.supersedes.all(),
            "cases": cert.revocations.all(),
            "can_manage": manage,
            "case_form": OpenCaseForm(prefix="r") if manage and cert.state == "active" else None,
            "history": history(cert)[:30] if manage else [],
            "reminders": cert.reminders.all(),
            "window": renewal_window(cert.expires_on),
            "today": today,
        },
    )


@login_required
def enter(request):
    if not rules.can_enter(request.user):
        raise Http404
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        product = _product(request.user, data.pop("product"))
        if product is None:
            form.add_error("product", _("Không tìm thấy sản phẩm này trong phạm vi của bạn."))
        else:
            try:
                cert = actions.enter(actor=request.user, product=product, **data)
            except CertificateError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Đã nhập giấy chứng nhận số %(number)s.") % {"number": cert.number}
                )
                return redirect("certificates:detail", cert.code)
    return render(request, "certificates/enter.html", {"form": form})


def _product(user, code: str):
    code = code.strip().upper()
    product = (
        Product.objects.select_related("producer__commune__province", "product_set")
        .filter(Q(code=code) | Q(ocop_code=code))
        .first()
    )
    provinces = rules.entry_provinces(user)
    if product is None or (
        provinces is not None and product.producer.commune.province_id not in provinces
    ):
        return None
    return product


@login_required
@require_POST
def open_case(request, code: str):
    cert = queries.certificate_for(request.user, code)
    if not rules.can_manage(request.user, cert):
        raise Http404
    form = OpenCaseForm(request.POST, prefix="r")
    if not form.is_valid():
        messages.error(request, _("Hãy điền đủ căn cứ, văn bản kết luận và nội dung vi phạm."))
        return redirect("certificates:detail", cert.code)
    try:
        case = revocation.open_case(cert, actor=request.user, **form.cleaned_data)
    except CertificateError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:detail", cert.code)
    messages.success(request, _("Đã lập hồ sơ thu hồi."))
    return redirect("certificates:case", case.code)


@login_required
def cases(request):
    if not rules.is_office(request.user):
        raise Http404
    today = timezone.localdate()
    rows = list(queries.open_cases(request.user))
    for case in rows:
        case.deadline = revocation.deadline(case.trigger_date)
        case.days_left = revocation.days_left(case, today)
        case.days_late = max(0, -case.days_left)
    return render(request, "certificates/cases.html", {"cases": rows})


@login_required
def case(request, code: str):
    case = queries.case_for(request.user, code)
    cert = case.certificate
    today = timezone.localdate()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decide":
                form = DecideForm(request.POST, prefix="d")
                if not form.is_valid():
                    raise CertificateError(
                        _("Hãy ghi số, ngày ký và người ký của quyết định thu hồi.")
                    )
                revocation.decide(case, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Đã ghi nhận quyết định thu hồi."))
            elif action == "drop":
                form = DropForm(request.POST, prefix="x")
                reason = form.data.get("x-reason", "")
                revocation.drop(case, actor=request.user, reason=reason)
                messages.success(request, _("Đã đóng hồ sơ, không thu hồi."))
            else:
                raise CertificateError(_("Không rõ thao tác."))
        except CertificateError as exc:
            messages.error(request, str(exc))
        return redirect("certificates:case", case.code)
    open_ = case.state == CaseState.OPEN
    return render(
        request,
        "certificates/case.html",
        {
            "case": case,
            "cert": cert,
            "deadline": revocation.deadline(case.trigger_date),
            "days_left": revocation.days_left(case, today),
            "authority": revocation.authority_label(cert),
            "can_decide": open_ and rules.can_decide_revocation(request.user, cert),
            "decide_form": DecideForm(prefix="d"),
            "drop_form": DropForm(prefix="x") if open_ else None,
            "history": history(case),
        },
    )
