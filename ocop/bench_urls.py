"""``ocop.urls`` plus ``/bench/ok``, a view that does nothing: the benchmark's baseline."""

from django.http import HttpResponse
from django.urls import include, path


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok), path("", include("ocop.urls"))]

handler404 = "ocop.views.page_not_found"
handler500 = "ocop.views.server_error"
