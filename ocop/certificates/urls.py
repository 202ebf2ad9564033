"""Mounted at the site's root: the public pages (``v/…``, ``phan-anh/``) and the office's
(``chung-nhan/…``). Fixed paths come before ``chung-nhan/<code>/``."""

from django.urls import path

from ocop.certificates import (
    document_views,
    inspection_views,
    report_views,
    verify_views,
    views,
)

app_name = "certificates"

urlpatterns = [
    # public
    path("v/<str:code>", verify_views.verify, name="verify"),
    path("v/<str:code>/anh.webp", verify_views.photo, name="verify_photo"),
    # --- reports (public form, office queue) ---
    path("phan-anh/", report_views.report, name="report"),
    path("phan-anh/da-gui/", report_views.report_sent, name="report_sent"),
    path("chung-nhan/phan-anh/", report_views.reports, name="reports"),
    path("chung-nhan/phan-anh/<str:code>/", report_views.report_detail, name="report_detail"),
    path("chung-nhan/phan-anh/<str:code>/anh", report_views.report_photo, name="report_photo"),
    # --- inspections ---
    path("chung-nhan/hau-kiem/", inspection_views.inspections, name="inspections"),
    path("chung-nhan/hau-kiem/moi/", inspection_views.inspection_new, name="inspection_new"),
    path(
        "chung-nhan/hau-kiem/anh/<int:pk>/",
        inspection_views.inspection_photo,
        name="inspection_photo",
    ),
    path("chung-nhan/hau-kiem/<str:code>/", inspection_views.inspection, name="inspection"),
    # office and producers
    path("chung-nhan/", views.certificate_list, name="list"),
    path("chung-nhan/xuat.xlsx", views.export, name="export"),
    path("chung-nhan/nhap/", views.enter, name="enter"),
    path("chung-nhan/thu-hoi/", views.cases, name="cases"),
    path("chung-nhan/thu-hoi/<str:code>/", views.case, name="case"),
    # --- documents ---
    path(
        "chung-nhan/<str:code>/giay-chung-nhan.pdf",
        document_views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("chung-nhan/<str:code>/nhan.pdf", document_views.labels_pdf, name="labels_pdf"),
    path("chung-nhan/<str:code>/qr.svg", document_views.qr_svg, name="qr_svg"),
    path("chung-nhan/<str:code>/qr.png", document_views.qr_png, name="qr_png"),
    path("chung-nhan/<str:code>/", views.detail, name="detail"),
    path("chung-nhan/<str:code>/thu-hoi/", views.open_case, name="open_case"),
]
