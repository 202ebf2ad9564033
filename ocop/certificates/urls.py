"""Mounted at the site's root: the public pages (``v/…``, ``phan-anh/``) and the office's
(``chung-nhan/…``). Fixed paths come before ``chung-nhan/<code>/``."""

from django.urls import path

from ocop.certificates import verify_views, views

app_name = "certificates"

urlpatterns = [
    # public
    path("v/<str:code>", verify_views.verify, name="verify"),
    path("v/<str:code>/anh.webp", verify_views.photo, name="verify_photo"),
    # --- reports (public form, office queue) ---
    # --- inspections ---
    # office and producers
    path("chung-nhan/", views.certificate_list, name="list"),
    path("chung-nhan/xuat.xlsx", views.export, name="export"),
    path("chung-nhan/nhap/", views.enter, name="enter"),
    path("chung-nhan/thu-hoi/", views.cases, name="cases"),
    path("chung-nhan/thu-hoi/<str:code>/", views.case, name="case"),
    # --- documents ---
    path("chung-nhan/<str:code>/", views.detail, name="detail"),
    path("chung-nhan/<str:code>/thu-hoi/", views.open_case, name="open_case"),
]
