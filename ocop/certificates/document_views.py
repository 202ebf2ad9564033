"""The certificate as a PDF, the A4 sheet of QR labels, the QR code alone (SVG, PNG).
(Being built: each view answers 404 until then.)"""

from django.http import Http404


def certificate_pdf(request, code: str):
    raise Http404


def labels_pdf(request, code: str):
    raise Http404


def qr_svg(request, code: str):
    raise Http404


def qr_png(request, code: str):
    raise Http404
