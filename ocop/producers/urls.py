from django.urls import path

from ocop.producers import views

app_name = "producers"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("danh-sach/", views.producer_list, name="list"),
    path("dang-ky/", views.register, name="register"),
    path("moi/", views.producer_create, name="create"),
    path("<str:code>/", views.producer_detail, name="detail"),
    path("<str:code>/sua/", views.producer_edit, name="edit"),
    path("<str:code>/tai-khoan/", views.producer_invite, name="invite"),
    path(
        "<str:code>/tai-khoan/<str:username>/go/",
        views.producer_remove_account,
        name="remove_account",
    ),
    path("<str:code>/lich-su/", views.producer_history, name="history"),
    path("<str:code>/tai-lieu/", views.evidence_library, name="evidence"),
    path("<str:code>/tai-lieu/<str:doc>/", views.evidence_file, name="evidence_file"),
    path("<str:code>/tai-lieu/<str:doc>/rut/", views.evidence_withdraw, name="evidence_withdraw"),
]
