"""A member's sheet through /api/v1: the same rules and actions as the sheet page."""

import json

import pytest
from django.conf import settings
from django.test import Client

from ocop.audit.models import AuditEntry
from ocop.evaluation import actions, councils
from ocop.evaluation.enums import EvaluationState, Relation
from ocop.evaluation.models import ScoreSheet
from ocop.evaluation.walk import member_answers, score
from tests.conftest import make_user


def url(evaluation, tail=""):
    return f"/api/v1/evaluations/{evaluation.code}/sheet{tail}"


def send(client, method, path, body=None):
    return getattr(client, method)(path, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def declared(evaluation, chair):
    councils.declare(evaluation.round, actor=chair)
    return evaluation


@pytest.fixture
def answers(evaluation):
    return member_answers(evaluation.dossier.criteria_set.sheet())


def test_read_save_and_submit_a_sheet(client_for, declared, chair, answers):
    client = client_for(chair)
    empty = client.get(url(declared)).json()
    assert empty["answers"] == {} and empty["result"] is None and empty["editable"]
    assert empty["criteria_set"] == declared.dossier.criteria_set.code
    assert empty["submitted_at"] is None and len(empty["rejection_conditions"]) >= 1

    saved = send(client, "put", url(declared), {"answers": answers, "comment": "Đạt"})
    assert saved.status_code == 200, saved.content
    data = saved.json()
    assert data["answers"] == answers and data["comment"] == "Đạt"
    assert data["result"]["total"] > 0 and data["result"]["unanswered"] == []
    assert client.get(url(declared)).json()["result"]["stars"] == data["result"]["stars"]

    submitted = client.post(url(declared, "/submit"))
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["submitted_at"] and not submitted.json()["editable"]
    sheet = ScoreSheet.objects.get(evaluation=declared, member__user=chair)
    assert sheet.submitted and sheet.answers == answers
    assert AuditEntry.objects.filter(verb="sheet.submitted").count() == 1


def test_patch_changes_only_what_is_sent(client_for, declared, chair, answers):
    client = client_for(chair)
    codes = list(answers)
    send(client, "put", url(declared), {"answers": {c: answers[c] for c in codes[:3]}})
    send(client, "patch", url(declared), {"comment": "Xem lại 1.2"})
    data = send(
        client, "patch", url(declared), {"answers": {codes[1]: None, codes[3]: answers[codes[3]]}}
    ).json()
    assert data["answers"] == {c: answers[c] for c in (codes[0], codes[2], codes[3])}
    assert data["comment"] == "Xem lại 1.2"  # not sent: kept
    assert send(client, "patch", url(declared), {"rejections": [0]}).json()["rejections"] == [0]


def test_refusals_say_why_in_vietnamese(client_for, evaluation, chair, answers):
    client = client_for(chair)
    not_declared = send(client, "put", url(evaluation), {"answers": answers})
    assert not_declared.status_code == 403
    assert not_declared.json() == {
        "detail": "Hãy khai báo xung đột lợi ích của đợt trước khi chấm điểm.",
        "code": "not_declared",
    }
    assert client.get(url(evaluation)).json()["code"] == "not_declared"
    councils.declare(evaluation.round, actor=chair)

    first = next(iter(answers))
    wrong = send(client, "put", url(evaluation), {"answers": {first: "no-such-option"}})
    assert wrong.status_code == 422 and wrong.json()["detail"]
    bad_rejection = send(client, "put", url(evaluation), {"answers": {}, "rejections": [99]})
    assert bad_rejection.status_code == 422
    assert "99" in bad_rejection.json()["detail"]

    send(client, "put", url(evaluation), {"answers": {first: answers[first]}})
    incomplete = client.post(url(evaluation, "/submit"))
    assert incomplete.status_code == 422
    assert incomplete.json()["detail"].startswith("Còn ")  # … tiêu chí chưa chấm: …

    send(client, "put", url(evaluation), {"answers": answers})
    assert client.post(url(evaluation, "/submit")).status_code == 200
    again = send(client, "put", url(evaluation), {"answers": answers})
    assert again.status_code == 409
    assert again.json() == {"detail": "Phiếu đã nộp và ký; không sửa được.", "code": "submitted"}
    assert client.post(url(evaluation, "/submit")).json()["detail"] == "Phiếu đã nộp và ký rồi."


def test_a_closed_product_refuses_writing(client_for, evaluation, scorers, chair, answers):
    for user in scorers:
        score(evaluation, user)
    actions.close(evaluation, actor=chair)
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.CLOSED
    response = send(client_for(chair), "patch", url(evaluation), {"comment": "Muộn"})
    assert response.status_code == 409 and response.json()["code"] == "closed"
    assert client_for(chair).get(url(evaluation)).json()["submitted_at"]  # still readable


def test_a_recused_member_is_refused(client_for, evaluation, scorers, answers):
    member = scorers[2]
    producer = evaluation.dossier.producer
    councils.declare(evaluation.round, actor=member, relations={producer: (Relation.FAMILY, "")})
    client = client_for(member)
    for response in (
        client.get(url(evaluation)),
        send(client, "put", url(evaluation), {"answers": answers}),
        client.post(url(evaluation, "/submit")),
    ):
        assert response.status_code == 403
        body = response.json()
        assert body["code"] == "recused" and "xung đột lợi ích" in body["detail"]
        assert str(Relation.FAMILY.label) in body["detail"]
    assert not ScoreSheet.objects.filter(member__user=member).exists()
    (listed,) = client.get("/api/v1/evaluations/mine").json()
    assert listed["recused"] and not listed["can_score"]


def test_outside_ones_councils_there_is_no_such_product(
    client_for, evaluation, people, province_officer, other_province_officer, answers
):
    lamdong = make_user("hoidong.lamdong", "council_member", province="68")
    for user in (lamdong, other_province_officer, province_officer, people["hd.thuky"]):
        client = client_for(user)  # no seat, another province, or the secretary (no sheet)
        for response in (
            client.get(url(evaluation)),
            send(client, "put", url(evaluation), {"answers": answers}),
            client.post(url(evaluation, "/submit")),
        ):
            assert response.status_code == 404, user
            assert evaluation.code in response.json()["detail"]
    assert client_for(lamdong).get("/api/v1/evaluations/mine").json() == []
    assert not ScoreSheet.objects.exists()


def test_my_products_list_what_i_score(client_for, declared, chair, scorers):
    client = client_for(chair)
    (row,) = client.get("/api/v1/evaluations/mine").json()
    assert row["evaluation"] == declared.code and row["round"]["code"] == declared.round.code
    assert row["product"] == declared.dossier.product.name
    assert (row["declared"], row["recused"], row["saved"], row["submitted"]) == (
        True,
        False,
        False,
        False,
    )
    score(declared, chair)
    (row,) = client.get("/api/v1/evaluations/mine").json()
    assert row["submitted"] and row["total"] > 0
    assert client.get("/api/v1/evaluations/mine", {"round": "DG-NONE"}).json() == []
    # Not yet declared: listed, but not to be scored until the member declares.
    (other,) = client_for(scorers[1]).get("/api/v1/evaluations/mine").json()
    assert not other["declared"] and not other["can_score"]


def test_the_api_needs_a_session_and_the_csrf_token(declared, chair, answers):
    anonymous = Client().get(url(declared))
    assert anonymous.status_code == 401 and anonymous.json()["detail"] == (
        "Hãy đăng nhập để dùng chức năng này."
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair, backend=settings.AUTHENTICATION_BACKENDS[-1])
    assert client.get(url(declared)).status_code == 200  # reading needs no token
    assert send(client, "put", url(declared), {"answers": answers}).status_code == 403
    token = "x" * 32
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    response = client.put(
        url(declared),
        json.dumps({"answers": answers}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200


def test_the_schema_documents_the_sheet(client):
    schema = client.get("/api/v1/openapi.json").json()
    sheet = schema["paths"]["/api/v1/evaluations/{code}/sheet"]
    assert {"get", "put", "patch"} <= set(sheet)
    assert "/api/v1/evaluations/{code}/sheet/submit" in schema["paths"]
    assert "/api/v1/evaluations/mine" in schema["paths"]
    components = schema["components"]["schemas"]
    assert {"SheetOut", "SheetIn", "SheetPatch", "AssignmentOut", "ErrorOut"} <= set(components)
    assert set(components["SheetOut"]["properties"]) >= {
        "answers",
        "rejections",
        "comment",
        "result",
        "submitted_at",
        "criteria_set",
    }
    assert sheet["put"]["security"] == [{"SessionAuth": []}]
    assert "409" in sheet["put"]["responses"] and "404" in sheet["get"]["responses"]
