"""Frozen versions, returns that open new versions, upgrade copies and the commune deadline."""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.dossiers import actions, content, walk
from ocop.dossiers.actions import DossierError
from ocop.dossiers.enums import DossierKind, State, Step
from ocop.dossiers.models import Dossier, DossierVersion, EvidenceLink, FrozenVersion
from ocop.evaluation.walk import open_round
from ocop.lib.workdays import add_working_days
from tests.dossiers.fixtures import fill


def test_a_submitted_version_cannot_change(draft, producer_user, document):
    fill(draft, producer_user, [document])
    actions.transition(draft, Step.SUBMIT, actor=producer_user)
    version = draft.versions.get()
    assert version.frozen and version.producer_snapshot["name"] == draft.producer.name
    with pytest.raises(DossierError):
        actions.save_content(draft, actor=producer_user, sections={"part4": {"plan": "Khác"}})
    version.content = {"part4": {"plan": "Sửa lén"}}
    with pytest.raises(FrozenVersion):
        version.save()
    with pytest.raises(FrozenVersion):
        EvidenceLink.objects.create(version=version, document=document, criterion="1.1")
    with pytest.raises(FrozenVersion):
        version.links.get().delete()
    stored = DossierVersion.objects.get(pk=version.pk)
    assert stored.content["part4"]["plan"] == walk.PLAN
    assert stored.links.count() == 1


def test_a_return_opens_a_new_version_and_the_history_shows_the_change(
    draft, bring, producer_user, document, client_for
):
    dossier = bring(draft, State.RETURNED_BY_COMMUNE)
    first, second = dossier.versions.order_by("number")
    assert first.frozen and not second.frozen
    assert second.content == first.content and second.answers == first.answers
    actions.save_content(
        dossier,
        actor=producer_user,
        sections={"part2": {"markets": "Hà Nội, Nhật Bản"}},
        links={"": [document]},
    )
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.versions.get(number=2).frozen
    before = first.content["part2"]["markets"]
    changed = content.changes(first.content, dossier.versions.get(number=2).content)
    assert [(f.key, old, new) for _s, f, old, new in changed] == [
        ("markets", before, "Hà Nội, Nhật Bản")
    ]
    page = client_for(producer_user).get(f"/ho-so/{dossier.code}/phien-ban/2/")
    html = page.content.decode()
    assert "Hà Nội, Nhật Bản" in html and f"<del>{before}</del>" in html and "Ảnh bao bì" in html


def test_province_return_goes_back_through_the_commune_on_resubmission(
    draft, bring, producer_user, commune_officer
):
    """Điều 7.3.a: the province guides the commune and the producer; the completed dossier
    goes to the commune, which may amend Mẫu 03 and its letter, then to the province again.
    The receipt numbers stay those of the first receipts."""
    dossier = bring(draft, State.RETURNED_BY_PROVINCE)
    numbers = (dossier.commune_receipt_number, dossier.province_receipt_number)
    actions.transition(dossier, Step.SUBMIT, actor=producer_user)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.versions.get(number=2).frozen
    assert dossier.commune_deadline == add_working_days(timezone.localdate(), 15)
    actions.transition(dossier, Step.RECEIVE, actor=commune_officer)
    actions.transition(dossier, Step.PROPOSE, actor=commune_officer)
    dossier.refresh_from_db()
    assert dossier.state == State.PROPOSED
    assert (dossier.commune_receipt_number, dossier.province_receipt_number) == numbers


def test_upgrade_starts_as_a_copy_of_the_recognised_dossier(
    draft, bring, producer_user, document, council, province_officer, recognise
):
    fill(draft, producer_user, [document])
    accepted = bring(draft, State.ACCEPTED)
    _rnd, (evaluation,) = open_round(council, province_officer, [accepted])
    recognise(evaluation)
    with pytest.raises(DossierError, match="nâng hạng"):
        actions.start_dossier(accepted.product, actor=producer_user, kind=DossierKind.FIRST)
    upgrade = actions.start_dossier(accepted.product, actor=producer_user, kind=DossierKind.UPGRADE)
    copy, source = upgrade.versions.get(), accepted.versions.order_by("-number").first()
    assert upgrade.based_on == accepted
    assert copy.content == source.content and copy.answers == source.answers
    assert set(copy.links.values_list("document_id", "criterion")) == set(
        source.links.values_list("document_id", "criterion")
    )
    with pytest.raises(DossierError, match="chưa xử lý xong"):
        actions.start_dossier(accepted.product, actor=producer_user, kind=DossierKind.UPGRADE)


def test_an_accepted_but_unrecognised_product_cannot_upgrade_or_re_evaluate(
    draft, bring, producer_user
):
    accepted = bring(draft, State.ACCEPTED)
    with pytest.raises(DossierError, match="chưa được công nhận"):
        actions.start_dossier(accepted.product, actor=producer_user, kind=DossierKind.UPGRADE)
    with pytest.raises(DossierError, match="chưa được công nhận"):
        actions.start_dossier(accepted.product, actor=producer_user, kind=DossierKind.RE_EVALUATION)
    assert Dossier.objects.count() == 1


def test_upgrade_changes_are_highlighted(recognised, producer_user, client_for):
    upgrade = actions.start_dossier(recognised.product, actor=producer_user, kind="upgrade")
    answers = dict(upgrade.versions.get().answers)
    leaf = upgrade.criteria_set.sheet().leaf("1.1")
    answers["1.1"] = next(o.code for o in leaf.options if o.code != answers["1.1"])
    actions.save_content(
        upgrade,
        actor=producer_user,
        sections={"part2": {"markets": "Xuất khẩu Nhật Bản"}},
        answers=answers,
    )
    html = client_for(producer_user).get(f"/ho-so/{upgrade.code}/").content.decode()
    assert "Xuất khẩu Nhật Bản" in html and "<del>Nội dung minh hoạ cho bản demo.</del>" in html
    sheet = client_for(producer_user).get(f"/ho-so/{upgrade.code}/tu-danh-gia/").content.decode()
    assert sheet.count("leaf changed") == 1 and 'id="c-1.1"' in sheet


def test_commune_deadline_is_15_working_days_from_submission(draft, producer_user):
    fill(draft, producer_user)
    actions.transition(draft, Step.SUBMIT, actor=producer_user)
    draft.refresh_from_db()
    today = timezone.localdate()
    assert draft.commune_deadline == add_working_days(today, 15)
    assert draft.working_days_left(today) == 15 and not draft.is_overdue(today)


def test_commune_deadline_across_tet_counts_no_holiday(draft, bring):
    dossier = bring(draft, State.COMMUNE_REVIEWING)
    # Submitted on Friday 29/01/2027, a week before Tết Đinh Mùi (06/02/2027).
    submitted = dt.date(2027, 1, 29)
    dossier.commune_deadline = add_working_days(submitted, 15)
    # 15 working days would end on 19/02 without Tết; Tết closes Thu 4/2 to Wed 10/2/2027.
    assert dossier.commune_deadline == dt.date(2027, 2, 26)
    assert dossier.working_days_left(submitted) == 15
    # The countdown stands still over Tết: 12 days left before it and after it.
    assert dossier.working_days_left(dt.date(2027, 2, 3)) == 12
    assert dossier.working_days_left(dt.date(2027, 2, 10)) == 12
    assert not dossier.is_overdue(dossier.commune_deadline)
    next_day = dossier.commune_deadline + dt.timedelta(days=1)
    assert dossier.is_overdue(next_day) and dossier.working_days_left(next_day) <= 0


def test_overdue_stops_counting_once_proposed(draft, bring):
    dossier = bring(draft, State.PROPOSED)
    far = dossier.commune_deadline + dt.timedelta(days=60)
    assert not dossier.is_overdue(far) and dossier.working_days_left(far) is None
