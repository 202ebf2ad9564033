from django.urls import path

from ocop.evaluation import advisory_views, council_views, document_views, stats_views, views

app_name = "evaluation"

urlpatterns = [
    path("", views.home, name="home"),
    path("hoi-dong/moi/", council_views.council_new, name="council_new"),
    path("hoi-dong/<str:code>/", council_views.council, name="council"),
    path(
        "hoi-dong/<str:code>/thanh-vien/<int:pk>/thoi/",
        council_views.member_leave,
        name="member_leave",
    ),
    path("hoi-dong/<str:code>/dot/moi/", council_views.round_new, name="round_new"),
    path(
        "hoi-dong/<str:code>/thong-ke/",
        stats_views.council_statistics,
        name="council_statistics",
    ),
    path("dot/<str:code>/", views.round_view, name="round"),
    path("dot/<str:code>/khai-bao/", views.declare, name="declare"),
    path("dot/<str:code>/thong-ke/", stats_views.round_statistics, name="round_statistics"),
    path("phieu/<str:code>/", views.sheet, name="sheet"),
    path("san-pham/<str:code>/", views.product, name="product"),
    path("san-pham/<str:code>/mo-lai/", views.reopen, name="reopen"),
    path("san-pham/<str:code>/hop/", views.call_meeting, name="call_meeting"),
    path("san-pham/<str:code>/chot/", views.close, name="close"),
    path("san-pham/<str:code>/loai/", views.reject, name="reject"),
    # the paperwork (document_views): signed sheets, minutes, the result table
    path("phieu/<str:code>/phieu.pdf", document_views.sheet_pdf, name="sheet_pdf"),
    path(
        "san-pham/<str:code>/phieu/<int:member_pk>.pdf",
        document_views.member_sheet_pdf,
        name="member_sheet_pdf",
    ),
    path("dot/<str:code>/bien-ban.pdf", document_views.minutes_pdf, name="minutes_pdf"),
    path("dot/<str:code>/ket-qua.pdf", document_views.results_pdf, name="results_pdf"),
    path("dot/<str:code>/ket-qua.xlsx", document_views.results_xlsx, name="results_xlsx"),
    # the advisory team's review (advisory_views), and the producer's answers
    path(
        "san-pham/<str:code>/ho-so/tai-lieu/<str:doc>/",
        views.dossier_document,
        name="dossier_document",
    ),
    path("san-pham/<str:code>/tu-van/", advisory_views.page, name="advisory"),
    path(
        "san-pham/<str:code>/tu-van/tai-lieu/<str:doc>/",
        advisory_views.answer_document,
        name="advisory_document",
    ),
    path(
        "san-pham/<str:code>/tu-van/bao-cao.pdf",
        document_views.advisory_pdf,
        name="advisory_pdf",
    ),
    path("tu-van/tep/<str:code>/", advisory_views.advisory_file, name="advisory_file"),
    path("yeu-cau/", advisory_views.requests, name="requests"),
    path("yeu-cau/<str:code>/", advisory_views.request_view, name="request"),
]
