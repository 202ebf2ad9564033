from django.urls import path

from ocop.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("moi/<str:product_code>/", views.start, name="start"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/muc/<str:section>/", views.edit_section, name="section"),
    path("<str:code>/tu-danh-gia/", views.self_assessment, name="self_assessment"),
    path("<str:code>/mau-03/", views.assessment, name="assessment"),
    path("<str:code>/van-ban-de-nghi/", views.letter, name="letter"),
    path("<str:code>/buoc/<str:step>/", views.take_step, name="step"),
    path("<str:code>/phien-ban/<int:number>/", views.version_view, name="version"),
    path("<str:code>/lich-su/", views.dossier_history, name="history"),
    path("<str:code>/<str:form>.pdf", views.form_pdf, name="pdf"),
]
