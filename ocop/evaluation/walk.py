"""Put councils, rounds and products in a state by the same actions people take; shared
by the demo data and the tests, so neither keeps its own copy of the path."""

import datetime as dt

from ocop.criteria.engine import Sheet
from ocop.dossiers.walk import demo_answers
from ocop.evaluation import actions, councils, rules
from ocop.evaluation.enums import Level


def set_up_council(province, officer, seats, *, advisory=(), **fields):
    """A provincial council (the central council when ``province`` is None) with ``seats`` =
    ``[(user, role, office), ...]`` (and advisory team members the same way), established by
    decision on its term's first day."""
    start = fields.pop("term_from", dt.date(2026, 7, 1))
    central = province is None
    council = councils.create_council(
        actor=officer,
        level=Level.CENTRAL if central else Level.PROVINCE,
        province=province,
        name=fields.pop(
            "name",
            "Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp trung ương"
            if central
            else f"Hội đồng đánh giá, phân hạng sản phẩm OCOP {province.name}",
        ),
        decision_number=fields.pop(
            "decision_number", "1234/QĐ-BNNMT" if central else f"1234/QĐ-UBND-{province.code}"
        ),
        decision_date=start,
        decision_signer=fields.pop(
            "decision_signer",
            "Bộ trưởng Bộ Nông nghiệp và Môi trường" if central else "Chủ tịch UBND tỉnh",
        ),
        term_from=start,
        **fields,
    )
    for user, role, office in seats:
        councils.add_member(council, user, actor=officer, role=role, office=office, joined_on=start)
    for user, role, office in advisory:
        councils.add_member(
            council, user, actor=officer, role=role, office=office, body="advisory", joined_on=start
        )
    return council


def open_round(council, officer, dossiers, *, extra=None):
    """The standard round the dossiers were accepted for (all the same), with them in it."""
    first = dossiers[0]
    rnd = council.rounds.filter(
        year=first.round_year, number=first.round_number
    ).first() or councils.create_round(
        council, actor=officer, year=first.round_year, number=first.round_number
    )
    return rnd, councils.add_dossiers(rnd, dossiers, actor=officer)


def answers_at(sheet: Sheet, level: str) -> dict[str, str]:
    """Every criterion at its best ("best") or lowest ("worst") option, first case only of
    an either-or group."""
    skipped = {
        leaf.code
        for group in sheet.exclusive_groups()
        for case in group.criteria[1:]
        for leaf in case.leaves()
    }
    pick = max if level == "best" else min
    return {
        leaf.code: pick(leaf.options, key=lambda o: o.points).code
        for leaf in sheet.leaves()
        if leaf.code not in skipped
    }


def member_answers(sheet: Sheet, lower: int = 0) -> dict[str, str]:
    """Near-best answers, with the ``lower`` first criteria one option lower: totals that
    differ a little from member to member."""
    answers = demo_answers(sheet)
    for code in list(answers)[:lower]:
        leaf = sheet.leaf(code)
        options = sorted(leaf.options, key=lambda o: o.points, reverse=True)
        current = next(i for i, o in enumerate(options) if o.code == answers[code])
        answers[code] = options[min(current + 1, len(options) - 1)].code
    return answers


def score(evaluation, user, answers=None, *, submit=True, rejections=(), comment=""):
    """Declare (no relation) if not yet done, fill the sheet, and submit it."""
    if (
        rules.declaration(
            rules.seat(user, evaluation.round.council, scoring=True), evaluation.round
        )
        is None
    ):
        councils.declare(evaluation.round, actor=user)
    if answers is None:
        answers = member_answers(evaluation.dossier.criteria_set.sheet())
    sheet = actions.save_sheet(
        evaluation, actor=user, answers=answers, rejections=rejections, comment=comment
    )
    if submit:
        sheet = actions.submit_sheet(evaluation, actor=user)
    return sheet
