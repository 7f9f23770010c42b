from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsularConfig(AppConfig):
    name = "liaison.consular"
    label = "consular"
    verbose_name = _("Citizens abroad")

    def ready(self) -> None:
        from liaison.consular import access, registration  # noqa: F401  (access policies)

        registration.register()
