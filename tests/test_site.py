"""Start-up, settings, health, headers and the two languages."""

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 30 + "production-secret-" + "y" * 30,
    "ALLOWED_HOSTS": "ocop.example.vn",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
}


def manage(*args, env=None, code=None):
    unset = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env or {})
    command = [sys.executable, "manage.py", *args] if code is None else [sys.executable, "-c", code]
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_has_no_warnings_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "not-a-url"),
        ("DATABASE_URL", "mysql://root@localhost/ocop"),
        ("DATABASE_URL", "postgres://a@b:notaport/x"),
        ("CACHE_URL", "memcache://x"),
        ("AXES_FAILURE_LIMIT", "many"),
    ],
)
def test_malformed_setting_stops_start_up_naming_the_variable(variable, value):
    result = manage("check", env={variable: value})
    assert result.returncode != 0
    assert variable in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def test_production_without_secret_key_refuses_to_start():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_healthz_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_503_when_the_database_is_down():
    # A real server that is not there: nothing listens on port 1.
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ocop.settings'; django.setup();"
        "from django.test import Client; r = Client().get('/healthz', HTTP_HOST='localhost');"
        "print(r.status_code, r.content.decode())"
    )
    result = manage(env={"DATABASE_URL": "postgres://postgres@127.0.0.1:1/none"}, code=code)
    assert result.stdout.startswith("503 "), result.stderr
    assert '"status": "error"' in result.stdout


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_templates_have_no_inline_script_or_style(client, places):
    html = client.get("/").content.decode() + client.get("/accounts/login/").content.decode()
    assert "<style" not in html and " style=" not in html
    assert "<script>" not in html and "onclick=" not in html


@pytest.mark.django_db
def test_home_is_vietnamese_by_default_even_for_an_english_browser(client, places):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert 'lang="vi"' in html
    assert "Chương trình Mỗi xã một sản phẩm" in html
    assert "3.321" in html  # Vietnamese thousands separator


@pytest.mark.django_db
def test_language_switch_gives_english(client, places):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "One Commune One Product" in html
    assert "3,321" in html
    assert "Sign in" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_private_pages_render_in_both_languages(client_for, central_officer, language):
    client = client_for(central_officer)
    client.cookies["ocop_language"] = language
    for url in ["/accounts/", "/accounts/users/", "/accounts/users/new/", "/audit/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_message_is_translated(language):
    catalogue = polib.pofile(str(ROOT / "ocop" / "locale" / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    assert len(catalogue) > 100


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_not_found_is_the_projects_own_page_under_debug_too(client, settings, places):
    settings.DEBUG = True  # as under `make run`
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404 and "Không tìm thấy trang" in html
    assert "URLconf" not in html and "<style" not in html  # not Django's debug page
    # A missing slash still redirects, and a view's 404 (an object out of scope) is ours too.
    assert client.get("/tu-danh-gia").status_code == 301
    response = client.get("/tu-danh-gia/KHONG-CO/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_language_link_switches_without_a_form(client, places):
    """Public pages switch language by a link: no form, so no CSRF token in them."""
    html = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in html
    response = client.get("/ngon-ngu/", {"language": "en", "next": "/tu-danh-gia/"})
    assert response.status_code == 302 and response["Location"] == "/tu-danh-gia/"
    cookie = response.cookies["ocop_language"]
    assert cookie.value == "en" and cookie["samesite"] == "Lax" and cookie["httponly"]
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://example.invalid/", "//example.invalid/x"])
def test_language_link_never_leaves_the_site(client, next_url):
    response = client.get("/ngon-ngu/", {"language": "en", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client):
    response = client.get("/ngon-ngu/", {"language": "xx", "next": "/"})
    assert response.status_code == 302 and "ocop_language" not in response.cookies


@pytest.mark.django_db
def test_anonymous_home_is_kept_but_never_shared_with_a_signed_in_user(
    client, client_for, places, central_officer
):
    first = client.get("/").content.decode()
    assert client.get("/").content.decode() == first  # served from the process memo
    signed_in = client_for(central_officer).get("/").content.decode()
    assert str(central_officer) in signed_in and "csrfmiddlewaretoken" in signed_in
    assert str(central_officer) not in Client().get("/").content.decode()
