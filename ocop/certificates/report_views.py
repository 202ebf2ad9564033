"""Consumers' reports: the public form and the provincial office's queue.
(Being built: each view answers 404 until then.)"""

from django.http import Http404


def report(request):
    raise Http404


def report_sent(request):
    raise Http404


def reports(request):
    raise Http404


def report_detail(request, code: str):
    raise Http404


def report_photo(request, code: str):
    raise Http404
