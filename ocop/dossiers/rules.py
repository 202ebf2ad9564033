"""Who may see a dossier and who may take which step. Out-of-scope dossiers answer 404."""

from ocop.accounts import rules
from ocop.dossiers.enums import COMMUNE_ASSESSING, EDITABLE, HOLDER, TRANSITIONS, Side, State, Step


def sides(user, dossier) -> set[Side]:
    """The parts the user may play on this dossier."""
    out = set()
    if rules.can_edit_producer(user, dossier.producer):
        out.add(Side.PRODUCER)
    if dossier.commune_id in rules.officer_communes(user):
        out.add(Side.COMMUNE)
    if dossier.province_id in rules.officer_provinces(user):
        out.add(Side.PROVINCE)
    return out


def can_view_dossier(user, dossier) -> bool:
    return rules.is_central(user) or bool(sides(user, dossier))


def can_take(user, dossier, step: Step) -> bool:
    state = State(dossier.state)
    return (state, step) in TRANSITIONS and HOLDER[state] in sides(user, dossier)


def available_steps(user, dossier) -> list[Step]:
    return [
        step
        for (state, step) in TRANSITIONS
        if state == dossier.state and can_take(user, dossier, step)
    ]


def can_edit_content(user, dossier) -> bool:
    """The producer's side edits the open version while the dossier is a draft or returned."""
    return dossier.state in EDITABLE and Side.PRODUCER in sides(user, dossier)


def can_assess(user, dossier) -> bool:
    """The commune fills in Mẫu 03 while the dossier is at the commune."""
    return dossier.state in COMMUNE_ASSESSING and Side.COMMUNE in sides(user, dossier)


def can_start_dossier(user, product) -> bool:
    return rules.can_edit_producer(user, product.producer)
