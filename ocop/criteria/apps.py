from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "ocop.criteria"
    verbose_name = _("Bộ tiêu chí")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from ocop.criteria import queries, registry
        from ocop.criteria.models import CriteriaSet
        from ocop.lib import memo

        registry.register()
        # The memo of published sets (queries.py) is dropped when a set changes in this
        # process, and after a flush (tests; it ends with post_migrate).
        post_save.connect(queries.forget, sender=CriteriaSet, dispatch_uid="criteria-memo-save")
        post_delete.connect(queries.forget, sender=CriteriaSet, dispatch_uid="criteria-memo-del")
        post_migrate.connect(queries.forget, dispatch_uid="criteria-memo-migrate")
        # The pages made from them (lib.memo) too.
        post_save.connect(memo.forget, sender=CriteriaSet, dispatch_uid="pages-memo-save")
        post_delete.connect(memo.forget, sender=CriteriaSet, dispatch_uid="pages-memo-del")
        post_migrate.connect(memo.forget, dispatch_uid="pages-memo-migrate")
