import re
import time

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.cache import cache
from django.core.management import CommandError, call_command

from ocop.accounts import auth_events, views
from ocop.accounts.models import User
from ocop.accounts.views import failure_delay
from ocop.audit.models import AuditEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_sign_in_and_out_are_audited(client, province_officer):
    response = sign_in(client, "tinh.hanoi", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    entry = AuditEntry.objects.get(verb="auth.login")
    assert entry.actor == province_officer and entry.ip_address == "127.0.0.1"
    client.post("/accounts/logout/")
    assert AuditEntry.objects.filter(verb="auth.logout", actor=province_officer).exists()


def test_failed_sign_in_is_audited_with_the_name_tried(client, province_officer):
    response = sign_in(client, "tinh.hanoi", "wrong-password")
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    entry = AuditEntry.objects.get(verb="auth.login_failed")
    assert entry.actor is None and entry.changes == {"username": "tinh.hanoi"}


def test_repeated_failures_lock_the_account_for_a_while(client, province_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "tinh.hanoi", "wrong-password")
    response = sign_in(client, "tinh.hanoi", PASSWORD)  # even the right password now
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()
    assert not AuditEntry.objects.filter(verb="auth.login").exists()
    locked = AuditEntry.objects.filter(verb="auth.locked_out")
    assert locked.exists() and locked.first().changes == {"username": "tinh.hanoi"}


def test_other_accounts_are_not_locked_by_someone_elses_failures(
    client, province_officer, commune_officer, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "tinh.hanoi", "wrong-password")
    assert sign_in(client, "xa.battrang", PASSWORD).status_code == 302


def test_failure_delay_grows_then_caps(settings):
    settings.LOGIN_FAILURE_DELAY_STEP = 0.5
    settings.LOGIN_FAILURE_DELAY_MAX = 1.2
    assert [failure_delay(n) for n in range(1, 6)] == [0.0, 0.5, 1.0, 1.2, 1.2]


# --- the slow-down: refused at once, never a sleeping worker -----------------------------


@pytest.fixture
def slow(settings, monkeypatch):
    """A slow-down tests can see (10 s per failure, capped at 15 s); the clock moves only
    when a test says so, and any sleep is recorded (there must be none)."""
    settings.LOGIN_FAILURE_DELAY_STEP = 10
    settings.LOGIN_FAILURE_DELAY_MAX = 15
    cache.clear()
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    clock = {"now": 1_800_000_000.0}
    monkeypatch.setattr(views, "_now", lambda: clock["now"], raising=False)
    yield {"slept": slept, "clock": clock}
    cache.clear()


def test_after_failures_the_next_attempt_is_refused_at_once_without_a_password_check(
    client, province_officer, slow
):
    assert sign_in(client, "tinh.hanoi", "wrong-password").status_code == 200
    assert sign_in(client, "tinh.hanoi", "wrong-password").status_code == 200  # wait 10 s
    response = sign_in(client, "tinh.hanoi", PASSWORD)  # even the right password, too soon
    assert response.status_code == 429
    html = response.content.decode()
    assert "Vui lòng đợi 10 giây rồi thử lại." in html
    assert 'value="tinh.hanoi"' in html and PASSWORD not in html  # the name stays, not the password
    assert not AuditEntry.objects.filter(verb="auth.login").exists()
    assert AuditEntry.objects.filter(verb="auth.login_failed").count() == 2  # not checked
    assert slow["slept"] == []  # no worker was held


def test_the_wait_ends_and_grows_per_failure_up_to_the_cap(client, province_officer, slow):
    for _ in range(2):
        sign_in(client, "tinh.hanoi", "wrong-password")
    slow["clock"]["now"] += 4
    assert "đợi 6 giây" in sign_in(client, "tinh.hanoi", PASSWORD).content.decode()
    slow["clock"]["now"] += 6
    assert sign_in(client, "tinh.hanoi", "wrong-password").status_code == 200  # 3rd failure
    assert "đợi 15 giây" in sign_in(client, "tinh.hanoi", PASSWORD).content.decode()  # capped
    slow["clock"]["now"] += 15
    assert sign_in(client, "tinh.hanoi", PASSWORD).status_code == 302
    assert slow["slept"] == []


@pytest.mark.parametrize("typed", [" tinh.hanoi ", "TINH.HANOI", "Tinh.Hanoi\t"])
def test_a_padded_or_capitalised_name_is_held_back_with_the_name(
    client, province_officer, slow, typed
):
    for _ in range(2):
        sign_in(client, typed, "wrong-password")
    assert sign_in(client, "tinh.hanoi", PASSWORD).status_code == 429
    cache.clear()
    for _ in range(2):
        sign_in(client, "tinh.hanoi", "wrong-password")
    assert sign_in(client, typed, "wrong-password").status_code == 429
    assert auth_events.login_name(typed) == "tinh.hanoi"


def test_the_wait_is_for_one_name_from_one_address(client, province_officer, commune_officer, slow):
    for _ in range(2):
        sign_in(client, "tinh.hanoi", "wrong-password")
    other_address = client.post(
        "/accounts/login/",
        {"username": "tinh.hanoi", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.20",
    )
    assert other_address.status_code == 302
    client.post("/accounts/logout/")
    assert sign_in(client, "xa.battrang", PASSWORD).status_code == 302


def test_variants_of_a_name_count_towards_one_lockout(client, province_officer, settings):
    names = ["TINH.HANOI", " Tinh.Hanoi", "tinh.HANOI ", "TINH.hanoi", "tinh.hanoi"]
    for typed in names[: settings.AXES_FAILURE_LIMIT]:
        sign_in(client, typed, "wrong-password")
    response = sign_in(client, "tinh.hanoi", PASSWORD)
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()


def test_passwords_are_hashed_with_argon2_outside_tests(settings):
    from django.contrib.auth.hashers import make_password

    from ocop import settings as project_settings

    # The tests swap in a fast hasher; the project's own setting is what production uses.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert identify_hasher(make_password("x-long-password-1")).algorithm == "argon2"


def test_password_change_is_audited(client_for, province_officer):
    client = client_for(province_officer)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-strong-pass-42",
            "new_password2": "another-strong-pass-42",
        },
    )
    assert response.status_code == 302
    province_officer.refresh_from_db()
    assert province_officer.check_password("another-strong-pass-42")
    assert AuditEntry.objects.filter(verb="auth.password_changed", actor=province_officer).exists()


def test_password_reset_by_email_end_to_end(client, province_officer, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "tinh.hanoi@example.vn"})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mailoutbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset-strong-pass-77", "new_password2": "reset-strong-pass-77"},
    )
    assert response.status_code == 302
    province_officer.refresh_from_db()
    assert province_officer.check_password("reset-strong-pass-77")
    assert AuditEntry.objects.filter(verb="auth.password_reset", actor=province_officer).exists()


def test_password_reset_for_unknown_email_reveals_nothing(client, places, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.vn"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_seed_demo_creates_one_user_per_role_and_is_idempotent(places, capsys, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = capsys.readouterr().out
    users = set(User.objects.values_list("username", flat=True))
    entries = AuditEntry.objects.count()
    call_command("seed_demo")
    assert set(User.objects.values_list("username", flat=True)) == users
    assert AuditEntry.objects.count() == entries
    assert {"admin", "trunguong", "tinh.hanoi", "tinh.lamdong", "xa.battrang"} <= users
    assert "ocop-demo-2026" in first
    roles = set(
        User.objects.filter(role_assignments__isnull=False).values_list(
            "role_assignments__role", flat=True
        )
    )
    assert roles == {
        "admin",
        "central_officer",
        "province_officer",
        "commune_officer",
        "council_member",
    }


def test_seed_demo_refuses_without_debug(places, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=false"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", allow_production=True)
    assert User.objects.filter(username="admin").exists()
