from django.urls import path

from ocop.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.home, name="home"),
    path("hoi-dong/moi/", views.council_new, name="council_new"),
    path("hoi-dong/<str:code>/", views.council, name="council"),
    path("hoi-dong/<str:code>/thanh-vien/<int:pk>/thoi/", views.member_leave, name="member_leave"),
    path("hoi-dong/<str:code>/dot/moi/", views.round_new, name="round_new"),
    path("dot/<str:code>/", views.round_view, name="round"),
    path("dot/<str:code>/khai-bao/", views.declare, name="declare"),
    path("phieu/<str:code>/", views.sheet, name="sheet"),
    path("san-pham/<str:code>/", views.product, name="product"),
    path("san-pham/<str:code>/mo-lai/", views.reopen, name="reopen"),
    path("san-pham/<str:code>/chot/", views.close, name="close"),
    path("san-pham/<str:code>/loai/", views.reject, name="reject"),
]
