"""Post-certification inspections (Điều 9). (Being built: each view answers 404 until then.)"""

from django.http import Http404


def inspections(request):
    raise Http404


def inspection_new(request):
    raise Http404


def inspection(request, code: str):
    raise Http404


def inspection_photo(request, pk: int):
    raise Http404
