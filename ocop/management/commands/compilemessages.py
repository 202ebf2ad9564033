"""``compilemessages`` that also works without GNU gettext installed.

With ``msgfmt`` on the PATH it is Django's own command; without it, the project's .po files
are compiled by polib (pure Python), so a fresh machine needs nothing but Python.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.commands import compilemessages


class Command(compilemessages.Command):
    def handle(self, **options):
        if shutil.which(self.program):
            return super().handle(**options)
        import polib

        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                if options.get("verbosity", 1) > 0:
                    self.stdout.write(f"processing file {po_path.name} in {po_path.parent}")
