from django.urls import path

from ocop.catalogue import map_views, open_data, views

app_name = "catalogue"

urlpatterns = [
    path("san-pham-ocop/", views.search_page, name="search"),
    path("san-pham-ocop/<str:code>/", views.product, name="product"),
    path("chu-the-ocop/<str:code>/", views.producer, name="producer"),
    path("ban-do/", map_views.map_page, name="map"),
    path("ban-do/diem.json", map_views.points, name="map_points"),
    path("du-lieu-mo/", open_data.dictionary, name="open_data"),
    path("du-lieu-mo/dcat.jsonld", open_data.dcat, name="dcat"),
    path("sitemap.xml", open_data.sitemap, name="sitemap"),
    path("robots.txt", open_data.robots, name="robots"),
]
