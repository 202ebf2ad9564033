"""Sign-ins, sign-outs and failed sign-ins go to the audit log (Django's auth signals), and
the one reading of a typed user name that every sign-in limit counts by."""

import unicodedata

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from ocop.audit.log import record
from ocop.lib.net import client_ip


def login_name(value) -> str:
    """A typed user name as the limits count it: as sign-in reads it (trimmed, NFKC), in
    lower case (user names are created in lower case and unique whatever the case), so
    " Admin " and "ADMIN" are counted with "admin"."""
    return unicodedata.normalize("NFKC", str(value or "").strip()).strip().lower()


def axes_username(request, credentials=None) -> str:
    """``AXES_USERNAME_CALLABLE``: django-axes counts failures and locks by ``login_name``."""
    if credentials:
        value = credentials.get("username")
    elif request is not None:
        value = getattr(request, "data", request.POST).get("username")
    else:
        value = ""
    return login_name(value)


def on_login(sender, request, user, **kwargs):
    record("auth.login", actor=user, obj=user, ip_address=client_ip(request))


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", actor=user, obj=user, ip_address=client_ip(request))


def on_login_failed(sender, credentials, request=None, **kwargs):
    record(
        "auth.login_failed",
        changes={"username": str(credentials.get("username", ""))[:150]},
        ip_address=client_ip(request),
    )


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(
        "auth.locked_out",
        changes={"username": str(username or "")[:150]},
        ip_address=ip_address or client_ip(request),
    )


def connect():
    from axes.signals import user_locked_out

    user_locked_out.connect(on_locked_out, dispatch_uid="ocop.audit.locked_out")
    user_logged_in.connect(on_login, dispatch_uid="ocop.audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="ocop.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="ocop.audit.login_failed")
