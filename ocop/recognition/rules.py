"""Who prepares and records decisions: the provincial OCOP office for its province (Điều
7.3.đ: it compiles the results and submits the decision), central officers anywhere."""

from ocop.accounts import rules as account_rules
from ocop.evaluation.enums import Level
from ocop.lib.scope import Scope


def decision_scope(user) -> Scope:
    if account_rules.is_central(user):
        return Scope.all()
    return Scope.of(province_id=account_rules.officer_provinces(user))


def can_decide(user, rnd) -> bool:
    council = rnd.council
    return council.level == Level.PROVINCE and (
        account_rules.is_central(user)
        or council.province_id in account_rules.officer_provinces(user)
    )


def works_on_recognition(user) -> bool:
    return account_rules.is_central(user) or bool(account_rules.officer_provinces(user))
