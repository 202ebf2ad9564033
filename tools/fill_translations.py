"""Fill the catalogues after `make messages`: vi copies each msgid (Vietnamese is the source
language); en takes the translations given in a Python file (``EN = {msgid: text}``; a msgid with a
context is keyed ``(context, msgid)``).

    python tools/fill_translations.py path/to/en_translations.py

Entries left untranslated are listed; the site test fails while any remains.
"""

import re
import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "ocop" / "locale"


def _django_messages() -> set[str]:
    """Django's own English messages that our Vietnamese catalogue words (``DJANGO_MESSAGES``
    in ocop/lib/forms.py): their vi msgstr is written by hand, never the msgid."""
    source = (LOCALE.parent / "lib" / "forms.py").read_text()
    block = source.split("DJANGO_MESSAGES = (", 1)[1].split(")\n", 1)[0]
    return set(re.findall(r'gettext_noop\("([^"]+)"\)', block))


def fill_vi() -> int:
    po = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    english = _django_messages()
    changed = 0
    for entry in po:
        if entry.msgid in english and entry.msgstr:
            continue
        if entry.msgid_plural:
            wanted = {0: entry.msgid}
            if entry.msgstr_plural != wanted:
                entry.msgstr_plural, changed = wanted, changed + 1
        elif entry.msgstr != entry.msgid:
            entry.msgstr, changed = entry.msgid, changed + 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            changed += 1
    po.save()
    return changed


def fill_en(translations: dict) -> list[str]:
    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    for entry in po:
        # A msgid with a context (pgettext) may be given as ``(context, msgid)``.
        text = translations.get((entry.msgctxt, entry.msgid)) if entry.msgctxt else None
        text = text if text is not None else translations.get(entry.msgid)
        if text is not None:
            if entry.msgid_plural:
                entry.msgstr_plural = (
                    {0: text[0], 1: text[1]} if isinstance(text, tuple) else {0: text, 1: text}
                )
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    po.save()
    return [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]


if __name__ == "__main__":
    fill_vi()
    left = fill_en(runpy.run_path(sys.argv[1])["EN"] if len(sys.argv) > 1 else {})
    for msgid in left:
        print("untranslated (en):", msgid)
    sys.exit(1 if left else 0)
