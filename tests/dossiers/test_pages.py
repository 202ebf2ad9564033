"""Dossier pages: queues, autosave, steps through the web, what the pages say.

Who may open which dossier page is the route table of tests/test_routes.py."""

import re

from ocop.dossiers.enums import State
from ocop.dossiers.models import Dossier
from tests.dossiers.fixtures import fill


def test_queue_is_scoped_and_filtered(
    draft, bring, client_for, commune_officer, other_commune_officer, province_officer
):
    bring(draft, State.SUBMITTED)
    html = client_for(commune_officer).get("/ho-so/").content.decode()
    assert draft.code in html and "Còn 15 ngày làm việc" in html
    assert draft.code not in client_for(other_commune_officer).get("/ho-so/").content.decode()
    province = client_for(province_officer)
    assert draft.code in province.get("/ho-so/", {"state": "submitted"}).content.decode()
    assert draft.code not in province.get("/ho-so/", {"state": "accepted"}).content.decode()
    assert draft.code not in province.get("/ho-so/", {"overdue": "on"}).content.decode()
    Dossier.objects.filter(pk=draft.pk).update(commune_deadline="2026-01-05")
    overdue = province.get("/ho-so/", {"overdue": "on"}).content.decode()
    assert draft.code in overdue and "Quá hạn" in overdue


def test_officers_do_not_see_drafts_unless_they_ask(draft, client_for, commune_officer):
    client = client_for(commune_officer)
    assert draft.code not in client.get("/ho-so/").content.decode()
    assert draft.code in client.get("/ho-so/", {"state": "draft"}).content.decode()


def test_autosave_answers_json_with_the_running_score(draft, client_for, producer_user):
    client = client_for(producer_user)
    response = client.post(
        f"/ho-so/{draft.code}/tu-danh-gia/",
        {"a-1.1": "1.1-1", "n-1.1": "Vùng nguyên liệu 2 ha"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200 and response.json()["ok"] is True
    version = draft.versions.get()
    assert version.answers == {"1.1": "1.1-1"} and version.notes == {"1.1": "Vùng nguyên liệu 2 ha"}
    assert response.json()["total"] == version.result["total"]


def test_a_bad_answer_is_refused_and_nothing_saved(draft, client_for, producer_user):
    response = client_for(producer_user).post(
        f"/ho-so/{draft.code}/tu-danh-gia/",
        {"a-1.1": "9.9-9"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400 and "9.9-9 không thuộc" in response.json()["error"]
    assert draft.versions.get().answers == {}


def test_section_saves_without_javascript(draft, client_for, producer_user):
    response = client_for(producer_user).post(
        f"/ho-so/{draft.code}/muc/part4/", {"plan": "Xuất khẩu"}
    )
    assert response.status_code == 302
    assert draft.versions.get().content["part4"] == {"plan": "Xuất khẩu"}


def test_steps_through_the_web_with_clear_messages(draft, client_for, producer_user):
    client = client_for(producer_user)
    response = client.post(f"/ho-so/{draft.code}/buoc/submit/", follow=True)
    assert "Chưa điền" in response.content.decode()
    assert Dossier.objects.get(pk=draft.pk).state == State.DRAFT
    fill(draft, producer_user)
    response = client.post(f"/ho-so/{draft.code}/buoc/submit/", follow=True)
    assert Dossier.objects.get(pk=draft.pk).state == State.SUBMITTED
    response = client.post(f"/ho-so/{draft.code}/buoc/submit/", follow=True)
    assert "Không thể" in response.content.decode()


def test_submitted_dossier_sections_are_read_only(draft, bring, client_for, producer_user):
    dossier = bring(draft, State.SUBMITTED)
    client = client_for(producer_user)
    assert client.post(f"/ho-so/{dossier.code}/muc/part4/", {"plan": "x"}).status_code == 404
    html = client.get(f"/ho-so/{dossier.code}/muc/part4/").content.decode()
    assert "disabled" in html


def test_return_form_requires_a_reason(draft, bring, client_for, commune_officer):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    client = client_for(commune_officer)
    client.post(f"/ho-so/{dossier.code}/buoc/return/", {"reason": ""})
    assert Dossier.objects.get(pk=dossier.pk).state == State.COMMUNE_REVIEWING
    client.post(f"/ho-so/{dossier.code}/buoc/return/", {"reason": "Thiếu phiếu kiểm nghiệm"})
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED_BY_COMMUNE
    assert dossier.return_reason == "Thiếu phiếu kiểm nghiệm"


def test_expired_evidence_is_flagged_on_the_dossier(draft, client_for, producer_user, producer):
    from ocop.producers import actions as producer_actions
    from tests.dossiers.fixtures import png_file

    old = producer_actions.upload_evidence(
        producer,
        actor=producer_user,
        file=png_file(),
        kind="lab_test",
        title="Phiếu kiểm nghiệm 2023",
        issued_on="2023-01-01",
        expires_on="2024-01-01",
    )
    fill(draft, producer_user, [old])
    html = client_for(producer_user).get(f"/ho-so/{draft.code}/").content.decode()
    assert "Minh chứng đã hết hạn" in html and "Phiếu kiểm nghiệm 2023" in html


def test_notifications_page_lists_and_marks_read(draft, bring, client_for, commune_officer):
    bring(draft, State.SUBMITTED)
    client = client_for(commune_officer)
    html = client.get("/thong-bao/").content.decode()
    assert "Nộp hồ sơ sản phẩm" in html and draft.code in html
    assert "Thông báo (1)" in html
    client.post("/thong-bao/da-doc/")
    assert not commune_officer.notifications.unread().exists()


def _button(html, label):
    match = re.search(r"<button[^>]*>\s*" + re.escape(label) + r"\s*</button>", html)
    assert match, f"no button {label!r}"
    return match.group(0)


def test_a_step_that_cannot_succeed_yet_is_disabled_with_the_reason(
    draft, bring, client_for, producer_user, commune_officer
):
    html = client_for(producer_user).get(f"/ho-so/{draft.code}/").content.decode()
    assert "disabled" in _button(html, "Nộp hồ sơ")
    assert "Chưa nộp được:" in html and "Lịch sử hình thành của chủ thể" in html
    fill(draft, producer_user)
    html = client_for(producer_user).get(f"/ho-so/{draft.code}/").content.decode()
    assert "disabled" not in _button(html, "Nộp hồ sơ") and "Chưa nộp được:" not in html

    dossier = bring(draft, State.COMMUNE_REVIEWING)
    html = client_for(commune_officer).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "disabled" in _button(html, "Đề nghị tỉnh đánh giá, phân hạng")
    assert "Chưa đề nghị lên tỉnh được:" in html and "Mẫu 03 chưa có nội dung" in html
    assert "disabled" not in _button(html, "Trả lại để bổ sung")


def test_the_commune_deadline_is_shown_only_while_the_commune_holds_it(
    draft, bring, client_for, producer_user
):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    html = client_for(producer_user).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Hạn xã xử lý" in html and "ngày làm việc" in html
    proposed = bring(_second_draft(draft, producer_user), State.PROPOSED)
    html = client_for(producer_user).get(f"/ho-so/{proposed.code}/").content.decode()
    assert "Hạn xã xử lý" not in html


def _second_draft(draft, producer_user):
    from ocop.dossiers import actions
    from ocop.legal.models import ProductSet
    from ocop.products import actions as product_actions

    other = product_actions.create_product(
        draft.producer,
        actor=producer_user,
        product_set=ProductSet.objects.get(number=21),
        name="Lọ hoa",
    )
    return actions.start_dossier(other, actor=producer_user, kind="first")


def test_the_dossier_history_reads_as_words_and_dates(draft, bring, client_for, province_officer):
    dossier = bring(draft, State.ACCEPTED)
    html = client_for(province_officer).get(f"/ho-so/{dossier.code}/lich-su/").content.decode()
    assert "Tỉnh đang kiểm tra → Đã nhận vào đợt đánh giá" in html
    assert "['" not in html and "province_checking" not in html
    assert "Ngày văn bản đề nghị" in html  # a field of Mẫu 03, by its label
    assert re.search(r"Hạn xã xử lý</strong>: \d{2}/\d{2}/\d{4}", html)
    assert "Phần đã sửa</strong>: Phần I. Thông tin chung" in html
