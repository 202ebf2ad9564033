"""Consumers' reports: the public form (``/phan-anh/``, linked from every verification page
and every page's footer) and the provincial office's queue (``/chung-nhan/phan-anh/``).

The public form refuses, each time with a polite message and what was typed kept: a sender
over the daily limit (decided before the request's body is read, so no photo is read at
all), robots (honeypot, signed timestamp: ``report_forms``), and bad input (markup, over-long
text, a photo over the limit or not an image)."""

import os
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from ocop.audit.log import history
from ocop.certificates import queries, rules
from ocop.certificates import reports as actions
from ocop.certificates.enums import IN_FORCE, ReportKind, ReportState, Status
from ocop.certificates.errors import CertificateError
from ocop.certificates.models import Certificate
from ocop.certificates.report_forms import (
    CloseForm,
    InspectForm,
    PhotoUploadHandler,
    ReportForm,
    SkipFiles,
    clean_code,
    new_token,
    token_to_show,
)
from ocop.lib.codes import ALPHABET
from ocop.lib.net import client_ip

PAGE_SIZE = 50
REPORT_CODE = re.compile(rf"PA-[{ALPHABET}]{{8}}")
ALL = "all"


def _certificate(code: str) -> Certificate | None:
    if not code:
        return None
    return Certificate.objects.select_related("province").filter(code=code).first()


# --- the public form ---------------------------------------------------------------------


@csrf_exempt  # checked by _received once the upload handlers are chosen
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    if request.method != "POST":
        return _blank(request)
    key = actions.client_key(client_ip(request))
    over = actions.over_limit(key)  # the cache first: a flood costs no query, no photo read
    request.upload_handlers = [SkipFiles(request) if over else PhotoUploadHandler(request)]
    return _received(request, key=key, over=over)


def _blank(request):
    given = (request.GET.get("ma") or "").strip()
    code = clean_code(given)
    cert = _certificate(code)
    initial = {}
    if cert is not None and cert.status(timezone.localdate()) not in IN_FORCE:
        initial["kind"] = ReportKind.EXPIRED
    elif code and cert is None:
        initial["kind"] = ReportKind.NO_QR
        initial["details"] = _("Mã tra cứu trên nhãn: %(code)s") % {"code": code}
    form = ReportForm(initial=initial, certificate=cert)
    return _form_page(request, form, cert, unknown=code if cert is None else "", token=new_token())


@csrf_protect
def _received(request, *, key: str, over: bool):
    cert = _certificate(clean_code(request.POST.get("ma", "")))
    form = ReportForm(request.POST, request.FILES, certificate=cert)
    status = 200
    if over:
        form.add_error(None, actions.limit_message())
        status = 429
    elif form.is_valid():
        data = form.cleaned_data
        try:
            received = actions.receive(
                client_key=key,
                kind=data["kind"],
                place=data["place"],
                province=data.get("province"),
                certificate=cert,
                product_text=data.get("product_text", ""),
                details=data.get("details", ""),
                contact=data.get("contact", ""),
                photo=data.get("photo") or None,
            )
        except CertificateError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(f"{reverse('certificates:report_sent')}?so={received.code}")
    return _form_page(
        request,
        form,
        cert,
        token=token_to_show(request.POST.get("started", "")),
        photo_lost=bool(request.FILES.get("photo")),
        status=status,
    )


def _form_page(request, form, cert, *, token, unknown="", photo_lost=False, status=200):
    context = {"form": form, "cert": cert, "unknown_code": unknown, "started": token}
    context["photo_lost"] = photo_lost
    if cert is not None:
        context["status"] = cert.status(timezone.localdate())
        context["status_label"] = Status(context["status"]).label
    return render(request, "certificates/report_form.html", context, status=status)


@require_safe
def report_sent(request):
    code = (request.GET.get("so") or "").strip().upper()
    if not REPORT_CODE.fullmatch(code):
        code = ""
    return render(request, "certificates/report_sent.html", {"code": code})


# --- the office's queue -----------------------------------------------------------------


def _states():
    return [(s.value, s.label) for s in ReportState] + [(ALL, _("Tất cả"))]


@login_required
@require_safe
def reports(request):
    if not rules.is_office(request.user):
        raise Http404
    state = request.GET.get("tt") or ReportState.OPEN
    if state not in ReportState.values and state != ALL:
        state = ReportState.OPEN
    rows = queries.reports_for(request.user, "" if state == ALL else state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/report_list.html",
        {"page": page, "state": state, "states": _states()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_detail(request, code: str):
    report = queries.report_for(request.user, code)
    close_form = CloseForm(prefix="c")
    inspect_form = InspectForm(prefix="k", initial={"scope": actions.inspection_scope(report)})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "close":
            close_form = CloseForm(request.POST, prefix="c")
            if close_form.is_valid():
                try:
                    actions.close(report, actor=request.user, note=close_form.cleaned_data["note"])
                except CertificateError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã đóng phản ánh."))
                    return redirect("certificates:report_detail", report.code)
            else:
                messages.error(request, _("Hãy ghi kết quả xử lý trước khi đóng phản ánh."))
        elif action == "inspect":
            inspect_form = InspectForm(request.POST, prefix="k")
            if inspect_form.is_valid():
                try:
                    inspection = actions.open_inspection(
                        report, actor=request.user, **inspect_form.cleaned_data
                    )
                except CertificateError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã mở đợt kiểm tra đột xuất từ phản ánh."))
                    return redirect("certificates:inspection", inspection.code)
            else:
                messages.error(
                    request,
                    _("Hãy ghi phạm vi, nội dung, ngày kiểm tra và thành phần đoàn kiểm tra."),
                )
        else:
            messages.error(request, _("Không rõ thao tác."))
        report.refresh_from_db()
    return render(
        request,
        "certificates/report_detail.html",
        {
            "report": report,
            "inspections": queries.inspections_for(request.user).filter(report=report),
            "close_form": close_form if report.state != ReportState.CLOSED else None,
            "inspect_form": inspect_form if report.state == ReportState.OPEN else None,
            "history": history(report),
        },
    )


@login_required
@require_safe
def report_photo(request, code: str):
    """The sender's photo, to the office only: shown in the browser, out of shared caches,
    never sniffed as another type."""
    report = queries.report_for(request.user, code)
    if not report.photo:
        raise Http404
    try:
        handle = report.photo.open("rb")
    except OSError:
        raise Http404 from None
    extension = os.path.splitext(report.photo.name)[1] or ".webp"
    response = FileResponse(
        handle,
        content_type=report.photo_type or "image/webp",
        filename=f"{report.code}{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
