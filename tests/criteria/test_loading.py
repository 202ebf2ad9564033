import shutil

import pytest
from django.core.management import CommandError, call_command

from ocop.criteria import loading
from ocop.criteria.models import CriteriaSet
from ocop.legal.models import ProductGroup, ProductSet, Sector

pytestmark = pytest.mark.django_db


def test_loaded_classification_and_sets(criteria):
    assert Sector.objects.count() == 6
    assert ProductGroup.objects.count() == 17
    assert ProductSet.objects.count() == 26
    assert CriteriaSet.objects.count() == 26
    tourism = ProductSet.objects.get(number=26)
    assert tourism.code == "VI.1" and not tourism.samples_required
    assert "du lich cong dong" in tourism.search_text


def test_loading_twice_changes_nothing(criteria, capsys):
    before = list(CriteriaSet.objects.values_list("code", "sha256", "published_at"))
    call_command("load_criteria")
    assert "0 sets created, 26 unchanged" in capsys.readouterr().out
    assert list(CriteriaSet.objects.values_list("code", "sha256", "published_at")) == before


def test_a_published_set_is_never_changed(criteria, tmp_path):
    folder = tmp_path / "qd-26-2026"
    shutil.copytree(loading.DATA_DIR / "qd-26-2026", folder)
    sheet = folder / "sets" / "S01.json"
    sheet.write_text(sheet.read_text().replace('"points": 3,', '"points": 4,', 1))
    with pytest.raises(loading.PublishedSetChanged, match="QD26-2026-S01"):
        loading.load_all(tmp_path)
    assert CriteriaSet.objects.get(code="QD26-2026-S01").sheet().leaf("1.1").max_points == 3


def test_the_command_reports_a_changed_set_without_a_traceback(
    criteria, settings, monkeypatch, tmp_path
):
    folder = tmp_path / "qd-26-2026"
    shutil.copytree(loading.DATA_DIR / "qd-26-2026", folder)
    (folder / "sets" / "S02.json").write_text(
        (folder / "sets" / "S02.json").read_text().replace("Thịt", "Thit", 1)
    )
    with pytest.raises(CommandError, match="may not change"):
        call_command("load_criteria", data_dir=tmp_path)
