from django.urls import path

from ocop.products import views

app_name = "products"

urlpatterns = [
    path("chu-the/<str:code>/san-pham/moi/", views.product_create, name="create"),
    path("chu-the/<str:code>/y-tuong/moi/", views.idea_create, name="idea_create"),
    path("san-pham/<str:code>/", views.product_detail, name="detail"),
    path("san-pham/<str:code>/sua/", views.product_edit, name="edit"),
    path("y-tuong/<str:code>/", views.idea_detail, name="idea"),
]
