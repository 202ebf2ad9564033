"""The certificate as a PDF, the A4 sheet of QR labels, the QR code alone (SVG, PNG). Each
fetches through ``queries`` (outside the user's scope the certificate does not exist).

Labels and the QR files are artwork for packaging: only for a certificate a product may
still carry (in force, or not yet in force). The certificate itself prints in any state,
stamped once it has ended."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ocop.certificates import documents, qr, queries
from ocop.certificates.enums import IN_FORCE, Status
from ocop.lib.text import download_name


def _file(content: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        not inline, download_name(filename)
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _for_packaging(request, code: str):
    """The certificate, or a redirect to its page when no product may carry it any more."""
    cert = queries.certificate_for(request.user, code)
    status = cert.status()
    if status in IN_FORCE or status == Status.PENDING:
        return cert, None
    messages.error(
        request,
        _(
            "Giấy chứng nhận số %(number)s %(status)s: không in nhãn, không tải mã QR để dán "
            "lên sản phẩm được nữa."
        )
        % {"number": cert.number, "status": Status(status).label.lower()},
    )
    return None, redirect("certificates:detail", cert.code)


@login_required
def certificate_pdf(request, code: str):
    cert = queries.certificate_for(request.user, code)
    return _file(
        documents.render_certificate(cert),
        "application/pdf",
        f"giay-chung-nhan-ocop-{cert.code}.pdf",
        inline=True,
    )


@login_required
def labels_pdf(request, code: str):
    cert, refused = _for_packaging(request, code)
    if refused:
        return refused
    return _file(
        documents.render_labels(cert), "application/pdf", f"nhan-qr-{cert.code}.pdf", inline=True
    )


@login_required
def qr_svg(request, code: str):
    cert, refused = _for_packaging(request, code)
    if refused:
        return refused
    return _file(qr.svg(cert), "image/svg+xml", f"qr-ocop-{cert.code}.svg", inline=False)


@login_required
def qr_png(request, code: str):
    cert, refused = _for_packaging(request, code)
    if refused:
        return refused
    return _file(qr.png(cert), "image/png", f"qr-ocop-{cert.code}.png", inline=False)
