"""Who may see a dossier and who may take which step. Out-of-scope dossiers answer 404."""

from ocop.accounts import rules as account_rules
from ocop.dossiers.enums import COMMUNE_ASSESSING, EDITABLE, HOLDER, TRANSITIONS, Side, State, Step
from ocop.lib.scope import Scope
from ocop.producers.rules import can_edit_producer, is_producer_account, producer_scope


def dossier_scope(user) -> Scope:
    """Dossiers a user sees: those of the producers they see (their own, or the ones they
    manage), those received by their commune or province, or all (central officers)."""
    return producer_scope(user).through("producer") | Scope.of(
        commune_id=account_rules.officer_communes(user),
        province_id=account_rules.officer_provinces(user),
    )


def can_view_dossier(user, dossier) -> bool:
    return dossier_scope(user).covers(dossier)


def sides(user, dossier) -> set[Side]:
    """The parts the user may play on this dossier."""
    out = set()
    if can_edit_producer(user, dossier.producer):
        out.add(Side.PRODUCER)
    if dossier.commune_id in account_rules.officer_communes(user):
        out.add(Side.COMMUNE)
    if dossier.province_id in account_rules.officer_provinces(user):
        out.add(Side.PROVINCE)
    return out


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
    return can_edit_producer(user, product.producer)


def works_on_dossiers(user) -> bool:
    """Has a work queue: office users, and producers' accounts."""
    return account_rules.is_office_user(user) or is_producer_account(user)
