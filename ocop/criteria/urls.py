from django.urls import path

from ocop.criteria import views

app_name = "criteria"

urlpatterns = [
    path("tu-danh-gia/", views.choose_set, name="choose"),
    path("tu-danh-gia/<str:code>/", views.sheet_form, name="sheet"),
    path("tu-danh-gia/<str:code>/ket-qua/", views.result, name="result"),
    path("tu-danh-gia/<str:code>/ket-qua.pdf", views.result_pdf, name="result_pdf"),
    path("bo-tieu-chi/", views.staff_list, name="staff_list"),
    path("bo-tieu-chi/<str:code>/", views.staff_sheet, name="staff_sheet"),
]
