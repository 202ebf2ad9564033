"""The catalogue of audited verbs and how their details read, filled by each app.

A verb is ``<area>.<what happened>``. Each app registers the verbs its actions write (in its
``AppConfig.ready()``), with labels for the keys of their ``changes`` that are not fields
of the audited object, and for coded values (a role, a form section). So every history page
names them in both languages, and a new app edits nothing here.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_VERBS: dict[str, object] = {}
_KEYS: dict[str, object] = {}
_VALUES: dict[str, dict[str, object]] = {}
_LISTS: set[str] = set()


def register(
    verbs: Mapping[str, object],
    *,
    keys: Mapping[str, object] | None = None,
    values: Mapping[str, Mapping[str, object]] | None = None,
    lists: set[str] | None = None,
) -> None:
    """Add verbs with their labels. ``keys`` labels change keys that are not fields of the
    audited object, ``values`` labels coded values per key, and ``lists`` names the keys
    whose value is a list of items (any other two-item list reads as [before, after])."""
    for verb, label in verbs.items():
        if "." not in verb:
            raise ImproperlyConfigured(f"Audit verb {verb!r} must read '<area>.<what>'.")
        if verb in _VERBS and _VERBS[verb] is not label:
            raise ImproperlyConfigured(f"Audit verb {verb!r} is registered twice.")
        _VERBS[verb] = label
    _KEYS.update(keys or {})
    for key, labels in (values or {}).items():
        _VALUES.setdefault(key, {}).update(labels)
    _LISTS.update(lists or ())


def verbs() -> dict[str, object]:
    return dict(sorted(_VERBS.items()))


def verb_label(verb: str) -> str:
    return str(_VERBS.get(verb, verb))


def key_label(key: str) -> object | None:
    return _KEYS.get(key)


def key_order(key: str) -> int:
    """Where ``key`` was registered among all keys (unregistered keys come last)."""
    for position, known in enumerate(_KEYS):
        if known == key:
            return position
    return len(_KEYS)


def value_label(key: str, value) -> object | None:
    return _VALUES.get(key, {}).get(str(value))


def is_list(key: str) -> bool:
    return key in _LISTS
