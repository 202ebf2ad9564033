from django.urls import path

from ocop.recognition import document_views, views

app_name = "recognition"

urlpatterns = [
    path("", views.home, name="home"),
    path("dot/<str:code>/", views.round_view, name="round"),
    path("dot/<str:code>/thong-bao/<str:evaluation>/", views.notice, name="notice"),
    path("thong-bao/<str:code>.pdf", document_views.notice_pdf, name="notice_pdf"),
    path("<str:code>/", views.decision, name="decision"),
    path("<str:code>/quyet-dinh.pdf", document_views.decision_pdf, name="decision_pdf"),
    path("<str:code>/ban-hanh/", views.record, name="record"),
    path("<str:code>/sua-doi/", views.correct, name="correct"),
]
