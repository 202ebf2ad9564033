"""The province's decisions and notices as PDF files. Each fetches through ``queries``
(outside the office's scope the paper does not exist)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from ocop.lib.text import download_name
from ocop.recognition import documents, queries


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, download_name(filename))
    return response


@login_required
def decision_pdf(request, code: str):
    decision = queries.decision_for(request.user, code)
    return _pdf(documents.render_decision(decision), f"quyet-dinh-{decision.code}.pdf")


@login_required
def notice_pdf(request, code: str):
    notice = queries.notice_for(request.user, code)
    return _pdf(documents.render_notice(notice), f"thong-bao-{notice.code}.pdf")
