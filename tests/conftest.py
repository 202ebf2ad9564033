"""Persona fixtures shared by every test (house rule 11)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from hypothesis import settings as hypothesis_settings

from ocop.accounts import actions
from ocop.accounts.enums import Role
from ocop.places.models import Commune, Province

PASSWORD = "correct-horse-battery-9"

# No timed tests (house rule 11): Hypothesis must not fail a run because the machine is busy.
hypothesis_settings.register_profile("ocop", deadline=None)
hypothesis_settings.load_profile("ocop")

# Products, evidence, dossiers in any state and recognised products, for every test directory.
pytest_plugins = [
    "tests.dossiers.fixtures",
    "tests.evaluation.fixtures",
    "tests.recognition.fixtures",
    "tests.certificates.fixtures",
    "tests.catalogue.fixtures",
]


def _reference_data(**kwargs) -> None:
    """The real places and criteria sets, committed, when the database has none."""
    from ocop.criteria.models import CriteriaSet

    if not Province.objects.exists():
        call_command("load_places", verbosity=0)
    if not CriteriaSet.objects.exists():
        call_command("load_criteria", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real places and criteria sets once per test database, and again right after
    a transactional test (browser, concurrency, migration) flushed the database: its flush
    ends with ``post_migrate``. Without that, every later test on the worker would load the
    3,355 places again inside its own rolled-back transaction."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    with django_db_blocker.unblock():
        _reference_data()
    post_migrate.connect(
        _reference_data, sender=apps.get_app_config("places"), dispatch_uid="tests-reference"
    )


@pytest.fixture(scope="session", autouse=True)
def _fast_and_quiet(tmp_path_factory):
    """Settings for the whole session (module-scoped data needs them before any test)."""
    with override_settings(
        # Argon2 is slow on purpose; tests hash dozens of passwords. Production keeps Argon2
        # (tests/accounts/test_auth.py checks the real setting).
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        LOGIN_FAILURE_DELAY_STEP=0,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _vietnamese():
    """Each test starts in the default language: a request in English leaves English active
    in the thread, and a later test's action messages would follow it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _criteria_memo():
    """Each test reads the criteria sets afresh: a test's rolled-back change to a set must not
    outlive it in the process memo (ocop/criteria/queries.py)."""
    from ocop.catalogue import classification, search
    from ocop.criteria import queries
    from ocop.lib import memo

    queries.forget()
    memo.forget()
    classification.forget()
    search.forget()
    yield
    queries.forget()
    memo.forget()


@pytest.fixture
def places(db):
    """Places exist (reloaded when a transactional test flushed them)."""
    if not Province.objects.exists():
        call_command("load_places", verbosity=0)


@pytest.fixture
def criteria(db):
    """Criteria sets exist (reloaded when a transactional test flushed them)."""
    from ocop.criteria.models import CriteriaSet

    if not CriteriaSet.objects.exists():
        call_command("load_criteria", verbosity=0)


def make_user(username, role=None, *, province=None, commune=None, producer=None, **extra):
    """An account with a role over a place, or (``producer=``) acting for a producer."""
    from ocop.producers.actions import add_account

    user = actions.create_user(
        actor=None,
        username=username,
        email=f"{username}@example.vn",
        full_name=username.replace(".", " ").title(),
        password=PASSWORD,
        role=role,
        province=Province.objects.get(code=province) if province else None,
        commune=Commune.objects.get(code=commune) if commune else None,
        **extra,
    )
    if producer is not None:
        add_account(producer, user, actor=None)
    return user


# Hà Nội (01): Xã Bát Tràng 00583, Xã Phú Xuyên 10273. Lâm Đồng (68): Xã Đơn Dương 24931.
@pytest.fixture
def commune_officer(places):
    return make_user("xa.battrang", Role.COMMUNE_OFFICER, commune="00583")


@pytest.fixture
def other_commune_officer(places):
    return make_user("xa.phuxuyen", Role.COMMUNE_OFFICER, commune="10273")


@pytest.fixture
def other_province_commune_officer(places):
    return make_user("xa.donduong", Role.COMMUNE_OFFICER, commune="24931")


@pytest.fixture
def province_officer(places):
    return make_user("tinh.hanoi", Role.PROVINCE_OFFICER, province="01")


@pytest.fixture
def other_province_officer(places):
    return make_user("tinh.lamdong", Role.PROVINCE_OFFICER, province="68")


@pytest.fixture
def council_member(places):
    return make_user("hoidong.hanoi", Role.COUNCIL_MEMBER, province="01")


@pytest.fixture
def central_officer(places):
    return make_user("trunguong", Role.CENTRAL_OFFICER)


@pytest.fixture
def admin_user(places):
    return make_user("quantri", Role.ADMIN)


@pytest.fixture
def plain_user(places):
    return make_user("nguoidung")


@pytest.fixture
def client_for(client):
    """``client_for(user)`` signs the test client in as that user."""

    def sign_in(user):
        client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        return client

    return sign_in


def make_producer(commune="00583", **extra):
    from ocop.producers.models import Producer

    fields = {
        "name": "HTX Gốm Bát Tràng",
        "legal_type": "htx",
        "registration_number": "0107654321",
        "tax_code": "0107654321",
        "commune": Commune.objects.get(code=commune),
        "address": "Thôn 1",
        "representative_name": "Nguyễn Thị Men",
        "representative_gender": "nu",
        "representative_ethnicity": "Kinh",
        "workforce": 20,
        "local_workforce": 15,
        **extra,
    }
    return Producer.objects.create(**fields)


@pytest.fixture
def producer(places):
    return make_producer()


@pytest.fixture
def producer_user(producer):
    return make_user("chuthe.battrang", producer=producer)


@pytest.fixture
def other_producer_user(places):
    other = make_producer(commune="00583", name="Cơ sở Gốm Minh", legal_type="ho_san_xuat")
    return make_user("chuthe.khac", producer=other)


def pytest_collection_modifyitems(items):
    # The browser walks are the longest tests: start them first, so that with two workers
    # (pytest -n 2) the short ones fill the other worker meanwhile.
    items.sort(key=lambda item: "tests/browser/" not in item.nodeid.replace("\\", "/"))
