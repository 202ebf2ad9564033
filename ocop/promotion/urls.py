"""Mounted at the site's root: the public calendar and event pages (``su-kien/…``), the
office's pages (``xuc-tien/su-kien/…``) and the producers' (``xuc-tien/tham-gia/…``).
Fixed paths come before those with a code."""

from django.urls import path

from ocop.promotion import public_views, views

app_name = "promotion"

urlpatterns = [
    # public
    path("su-kien/", public_views.calendar, name="calendar"),
    path("su-kien/da-dien-ra/", public_views.calendar, {"past": True}, name="past"),
    path("su-kien/<str:code>/", public_views.event, name="event"),
    # the provincial office
    path("xuc-tien/su-kien/", views.manage, name="manage"),
    path("xuc-tien/su-kien/moi/", views.new, name="new"),
    path("xuc-tien/su-kien/<str:code>/", views.manage_event, name="manage_event"),
    path("xuc-tien/su-kien/<str:code>/sua/", views.edit, name="edit"),
    # producers
    path("xuc-tien/tham-gia/", views.mine, name="mine"),
    path("xuc-tien/tham-gia/don/<str:code>/", views.application, name="application"),
    path("xuc-tien/tham-gia/<str:code>/dang-ky/", views.apply, name="apply"),
]
