"""Who may see what of the criteria sets (the public self-assessment is for everyone)."""

from ocop.accounts import rules as account_rules


def can_view_sheets(user) -> bool:
    """The criteria sets as printed: office users and council members."""
    return account_rules.is_office_user(user) or account_rules.is_council_member(user)
