"""The council's paperwork as files: a member's signed score sheet, the round's minutes and
its result table (PDF, Excel), the advisory team's report on a product. Each fetches through
``queries`` and asks ``rules``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ocop.evaluation import documents, exports, queries, rules
from ocop.evaluation.models import CouncilMember, ScoreSheet
from ocop.lib.text import download_name

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        not inline, download_name(filename)
    )
    return response


def _sheet_of(evaluation, member) -> ScoreSheet:
    """The member's sheet (unsaved when they have none), on the objects already loaded."""
    sheet = ScoreSheet.objects.filter(evaluation=evaluation, member=member).first()
    sheet = sheet or ScoreSheet(evaluation=evaluation, member=member)
    sheet.evaluation, sheet.member = evaluation, member
    return sheet


def _sheet_response(sheet: ScoreSheet) -> HttpResponse:
    pdf = documents.render_sheet(sheet)
    return _file(pdf, PDF, f"phieu-{sheet.evaluation.code}-{sheet.member_id}.pdf", inline=True)


@login_required
def sheet_pdf(request, code: str):
    """The current member's own signed sheet for a product."""
    evaluation = queries.evaluation_for(request.user, code)
    member = rules.seat(request.user, evaluation.round.council, scoring=True)
    if member is None:
        raise Http404
    sheet = _sheet_of(evaluation, member)
    if not sheet.submitted:
        messages.info(request, _("Phiếu của bạn chưa nộp và ký nên chưa có bản PDF."))
        if rules.can_score(request.user, evaluation):
            return redirect("evaluation:sheet", code)
        return redirect("evaluation:product", code)
    return _sheet_response(sheet)


@login_required
def member_sheet_pdf(request, code: str, member_pk: int):
    """A named member's signed sheet: for the member, the council's office and chair, and
    everyone who sees the product once it has a result."""
    evaluation = queries.evaluation_for(request.user, code)
    member = get_object_or_404(
        CouncilMember.objects.select_related("user"), council=evaluation.round.council, pk=member_pk
    )
    if not rules.can_read_sheet(request.user, evaluation, member):
        raise Http404
    sheet = _sheet_of(evaluation, member)
    if not sheet.submitted:
        messages.info(
            request,
            _("%(name)s chưa nộp và ký phiếu cho sản phẩm này.") % {"name": member.name},
        )
        return redirect("evaluation:product", code)
    return _sheet_response(sheet)


@login_required
def minutes_pdf(request, code: str):
    rnd = queries.round_for(request.user, code)
    return _file(
        documents.render_minutes(rnd, request.user), PDF, f"bien-ban-{rnd.code}.pdf", inline=True
    )


@login_required
def results_pdf(request, code: str):
    rnd = queries.round_for(request.user, code)
    return _file(documents.render_results(rnd), PDF, f"ket-qua-{rnd.code}.pdf", inline=True)


@login_required
def results_xlsx(request, code: str):
    rnd = queries.round_for(request.user, code)
    return _file(exports.results_xlsx(rnd), XLSX, f"ket-qua-{rnd.code}.xlsx", inline=False)


@login_required
def advisory_pdf(request, code: str):
    """The advisory team's report on a product (a working draft until one is filed): for
    whoever reads the team's page, i.e. whoever sees the product's evaluation."""
    evaluation = queries.evaluation_for(request.user, code)
    pdf = documents.render_advisory_report(evaluation)
    return _file(pdf, PDF, f"bao-cao-tu-van-{evaluation.code}.pdf", inline=True)
