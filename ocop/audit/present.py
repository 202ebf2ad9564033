"""An audit entry's details as people read them: field labels, state names, dates.

``changes`` is stored as recorded (``{"state": ["proposed", "accepted"], ...}``); this turns
each key into its label (a field of the audited object, or a key an app registered) and each
value into words: a choice's label, a date as dd/mm/yyyy, "Có"/"Không", "old → new".
"""

import datetime as dt
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ocop.audit import verbs

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def describe(entry) -> list[tuple[str, str]]:
    """``[(label, text), ...]`` for the entry's changes, in one order on every database.

    PostgreSQL's ``jsonb`` does not keep the recorded key order, so the rows follow the
    audited model's field order, then the order the apps registered their keys in, then
    the key's name.
    """
    model = entry.content_type.model_class() if entry.content_type_id else None
    changes = entry.changes or {}
    rows = []
    for key in sorted(changes, key=lambda k: _rank(model, k)):
        value = changes[key]
        field = _field(model, key)
        label = (field.verbose_name if field is not None else None) or verbs.key_label(key)
        rows.append((_capfirst(str(label or key)), _text(key, value, field)))
    return rows


def _rank(model, key: str) -> tuple[int, int, str]:
    if model is not None:
        names = [f.name for f in model._meta.get_fields()]
        if key in names:
            return (0, names.index(key), key)
    return (1, verbs.key_order(key), key)


def _field(model, key):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _text(key, value, field) -> str:
    if isinstance(value, list | tuple):
        if len(value) == 2 and not verbs.is_list(key):
            return f"{_one(key, value[0], field)} → {_one(key, value[1], field)}"
        return ", ".join(_one(key, v, field) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_one(key, v, field)}" for k, v in value.items()) or "—"
    return _one(key, value, field)


def _one(key, value, field) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if value in choices:
        return str(choices[value])
    label = verbs.value_label(key, value)
    if label is not None:
        return str(label)
    if isinstance(value, str) and ISO_DATE.match(value):
        return formats.date_format(dt.date.fromisoformat(value), "d/m/Y")
    if isinstance(value, str) and ISO_DATETIME.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "d/m/Y H:i")
    if isinstance(value, int | float):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]
