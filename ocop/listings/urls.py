"""Mounted at the site's root: the producer's pages (``cong-khai/…``), the provincial
office's (``kiem-duyet/…``) and the public photo (``anh/<evidence code>.webp``). Fixed paths
come before the ones with a code."""

from django.urls import path

from ocop.listings import moderation_views, public, views

app_name = "listings"

urlpatterns = [
    # public: a photo of a published product listing
    path("anh/<str:code>.webp", public.photo, name="photo"),
    # the producer's own
    path("cong-khai/", views.mine, name="mine"),
    path("cong-khai/san-pham/<str:code>/", views.product_page, name="product"),
    path("cong-khai/de-nghi/<str:code>/rut/", views.withdraw, name="withdraw"),
    path("cong-khai/<str:code>/", views.producer_page, name="producer"),
    # the provincial office and central officers
    path("kiem-duyet/", moderation_views.queue, name="queue"),
    path("kiem-duyet/da-cong-khai/", moderation_views.published, name="published"),
    path("kiem-duyet/cau-hinh/", moderation_views.moderation, name="moderation"),
    path("kiem-duyet/de-nghi/<str:code>/", moderation_views.change_detail, name="change"),
    path(
        "kiem-duyet/san-pham/<str:code>/",
        moderation_views.product_listing,
        name="product_listing",
    ),
    path(
        "kiem-duyet/chu-the/<str:code>/",
        moderation_views.producer_listing,
        name="producer_listing",
    ),
]
