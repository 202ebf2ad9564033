from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from ocop import views
from ocop.accounts.views import audit_log
from ocop.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # First of the includes: the verification page behind every QR code is the busiest.
    path("", include("ocop.certificates.urls")),
    path("api/v1/", api.urls),  # next: the API is called more often than any page
    path("accounts/", include("ocop.accounts.urls")),
    path("audit/", audit_log, name="audit_log"),
    path("", include("ocop.criteria.urls")),
    path("chu-the/", include("ocop.producers.urls")),
    path("", include("ocop.products.urls")),
    path("ho-so/", include("ocop.dossiers.urls")),
    path("danh-gia/", include("ocop.evaluation.urls")),
    path("cong-nhan/", include("ocop.recognition.urls")),
    path("thong-bao/", include("ocop.notify.urls")),
    path("", include("ocop.catalogue.urls")),
    path("", include("ocop.promotion.urls")),
    path("", include("ocop.listings.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("ngon-ngu/", views.language, name="language"),
    path("admin/", admin.site.urls),
]

handler404 = "ocop.views.page_not_found"
handler500 = "ocop.views.server_error"
