"""Put a dossier in any state along the real path: the same actions people take, in order.

One way, shared by the demo data and the tests, so neither keeps its own copy of the path.
``fill`` writes everything a producer must write before submitting; ``assess`` fills the
commune's Mẫu 03 and attaches its proposal letter, so that it may propose. Each step is
taken by the side that holds the dossier (``enums.HOLDER``); the commune receives both the
paper and the electronic set.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ocop.criteria.engine import Sheet
from ocop.dossiers import actions, content
from ocop.dossiers.enums import HOLDER, Side, State, Step

FILL, ASSESS = "fill", "assess"
_TO_PROVINCE = (FILL, Step.SUBMIT, Step.RECEIVE, ASSESS, Step.PROPOSE)
PATHS: dict[State, tuple] = {
    State.DRAFT: (),
    State.SUBMITTED: (FILL, Step.SUBMIT),
    State.COMMUNE_REVIEWING: (FILL, Step.SUBMIT, Step.RECEIVE),
    State.RETURNED_BY_COMMUNE: (FILL, Step.SUBMIT, Step.RECEIVE, Step.RETURN),
    State.PROPOSED: _TO_PROVINCE,
    State.PROVINCE_CHECKING: (*_TO_PROVINCE, Step.RECEIVE),
    State.RETURNED_BY_PROVINCE: (*_TO_PROVINCE, Step.RECEIVE, Step.RETURN),
    State.ACCEPTED: (*_TO_PROVINCE, Step.RECEIVE, Step.ACCEPT),
    State.WITHDRAWN: (Step.WITHDRAW,),
}
# After a province return the completed dossier goes back through the commune (Điều 7.3.a),
# which proposes it again: the states it passes on that way.
_BACK_AT_COMMUNE = (*PATHS[State.RETURNED_BY_PROVINCE], Step.SUBMIT)
RESENT: dict[State, tuple] = {
    State.SUBMITTED: _BACK_AT_COMMUNE,
    State.COMMUNE_REVIEWING: (*_BACK_AT_COMMUNE, Step.RECEIVE),
    State.PROPOSED: (*_BACK_AT_COMMUNE, Step.RECEIVE, ASSESS, Step.PROPOSE),
}
PLAN = "Mở rộng thị trường, đăng ký nhãn hiệu tập thể."
CHANGES = "Đổi mẫu bao bì và nhãn; thêm dòng men rạn; đã được cấp giấy chứng nhận nhãn hiệu."
UPDATES = "Không thay đổi so với khi được công nhận."
# What an upgrade (Điều 6.1.b) and a re-evaluation (Điều 6.1.c) write in their own sections.
KIND_CONTENT = {
    "changes": {"changes": CHANGES},
    "updates": {
        "raw_materials": UPDATES,
        "technology": UPDATES,
        "packaging": "Đổi mẫu nhãn năm 2028.",
        "quality_declaration": "Công bố lại năm 2028.",
        "periodic_tests": "Phiếu kiểm nghiệm định kỳ hằng năm, còn hiệu lực.",
        "markets": "Hà Nội, Thành phố Hồ Chí Minh, xuất khẩu Nhật Bản.",
        "output": 12000,
        "output_unit": "sản phẩm",
        "revenue": 2_350_000_000,
        "renewed_papers": "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (cấp lại).",
    },
}
RETURN_REASON = "Bổ sung phiếu kiểm nghiệm còn hiệu lực và danh sách lao động."


@dataclass(frozen=True)
class People:
    """Who takes the steps: the producer's account and the officers of its commune and
    province (the province officer may be left out for paths that stop at the commune)."""

    producer: object
    commune: object
    province: object = None


def demo_answers(sheet: Sheet, skip: int = 3) -> dict[str, str]:
    """Best option for most criteria, the second best for every ``skip``-th: about 80–90."""
    # Community tourism: answer the first case only.
    skipped = {
        leaf.code
        for group in sheet.exclusive_groups()
        for case in group.criteria[1:]
        for leaf in case.leaves()
    }
    answers = {}
    for i, leaf in enumerate(sheet.leaves()):
        if leaf.code in skipped:
            continue
        options = sorted(leaf.options, key=lambda o: o.points, reverse=True)
        answers[leaf.code] = options[1 if i % skip == 0 and len(options) > 1 else 0].code
    return answers


def fill(dossier, actor, documents=()):
    """Everything a producer must fill before submitting; ``documents`` go to the evidence
    of the whole dossier (the first two) and of its first criterion (the next two). The
    sections of an upgrade or a re-evaluation get ``KIND_CONTENT`` and, for their evidence,
    the first document (or the first of the producer's library)."""
    answers = demo_answers(dossier.criteria_set.sheet())
    text = "Nội dung minh hoạ cho bản demo."
    documents = list(documents)
    links = {"": documents[:2]}
    if documents[2:4]:
        links[next(iter(answers))] = documents[2:4]
    own = {}
    for section in content.KIND_ONLY:
        if section.applies_to(dossier.kind):
            own[section.key] = KIND_CONTENT[section.key]
            if section.evidence:
                links[section.key] = (documents or list(dossier.producer.evidence.current()))[:1]
    return actions.save_content(
        dossier,
        actor=actor,
        sections={
            **own,
            "part1": {
                "representative_address": dossier.producer.address,
                "history": "Thành lập từ tổ hợp tác của các hộ làm nghề truyền thống. " + text,
                "structure": "Giám đốc, kế toán, tổ sản xuất, tổ bán hàng.",
            },
            "part2": {"raw_materials_technology": text, "markets": text, "results": text},
            "part4": {"plan": PLAN},
        },
        answers=answers,
        notes=dict.fromkeys(list(answers)[:5], "Xem tài liệu kèm theo."),
        links=links,
    )


def assess(dossier, actor, *, letter: bool = True, **extra):
    """The commune's Mẫu 03, complete: four assessments, the letter's number and date, five
    samples; with ``letter``, the letter itself, generated (again when Mẫu 03 no longer
    matches the one attached)."""
    assessment = actions.save_assessment(
        dossier,
        actor=actor,
        **{
            "raw_materials": "Nguyên liệu chủ yếu lấy tại địa phương.",
            "labour": "Phần lớn lao động là người trong xã.",
            "idea_origin": "Sản phẩm truyền thống của làng nghề.",
            "identity": "Kỹ thuật và hoa văn đặc trưng của địa phương.",
            "letter_number": "125/UBND-KT",
            "letter_date": timezone.localdate(),
            "samples_received": 5,
            "signer": "Chủ tịch UBND xã",
            **extra,
        },
    )
    if letter and (
        actions.current_letter(dossier) is None or actions.letter_problems(dossier, assessment)
    ):
        actions.attach_letter(dossier, actor=actor)
    return assessment


def walk_to(dossier, state: State, people: People, *, documents=(), resent: bool = False):
    """Take ``dossier`` (a fresh draft) along ``PATHS[state]``, or with ``resent`` along
    ``RESENT[state]`` (through a province return); return it, refreshed."""
    actors = {Side.PRODUCER: people.producer, Side.COMMUNE: people.commune}
    actors[Side.PROVINCE] = people.province
    now = State(dossier.state)
    for item in (RESENT if resent else PATHS)[State(state)]:
        if item == FILL:
            fill(dossier, people.producer, documents)
        elif item == ASSESS:
            assess(dossier, people.commune)
        else:
            moved = actions.transition(
                dossier,
                item,
                actor=actors[HOLDER[now]],
                reason=RETURN_REASON if item == Step.RETURN else "",
                paper_set=True,
            )
            now = State(moved.state)
    dossier.refresh_from_db()
    return dossier


def make_overdue(dossier, *, days: int = 30) -> None:
    """Move a submitted dossier's clock back, so that its commune deadline has passed."""
    back = timezone.now() - dt.timedelta(days=days)
    type(dossier).objects.filter(pk=dossier.pk).update(
        submitted_at=back, commune_deadline=(back + dt.timedelta(days=21)).date()
    )
