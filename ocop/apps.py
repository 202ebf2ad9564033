from django.apps import AppConfig


class OcopConfig(AppConfig):
    """The project itself as an app: base templates, static files, translations, commands."""

    name = "ocop"
    verbose_name = "OCOP"
