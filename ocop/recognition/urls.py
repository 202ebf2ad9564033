from django.urls import path

from ocop.recognition import document_views, package_views, views

app_name = "recognition"

urlpatterns = [
    path("", views.home, name="home"),
    path("dot/<str:code>/", views.round_view, name="round"),
    path("dot/<str:code>/thong-bao/<str:evaluation>/", views.notice, name="notice"),
    path("de-nghi-5-sao/", package_views.package_list, name="packages"),
    path("de-nghi-5-sao/moi/", package_views.package_new, name="package_new"),
    path("de-nghi-5-sao/<str:code>/", package_views.package, name="package"),
    path("de-nghi-5-sao/<str:code>/tep/<int:pk>/", package_views.package_file, name="package_file"),
    path("thong-bao/<str:code>.pdf", document_views.notice_pdf, name="notice_pdf"),
    path("<str:code>/", views.decision, name="decision"),
    path("<str:code>/quyet-dinh.pdf", document_views.decision_pdf, name="decision_pdf"),
    path("<str:code>/ban-hanh/", views.record, name="record"),
    path("<str:code>/sua-doi/", views.correct, name="correct"),
]
