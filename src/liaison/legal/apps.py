from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "liaison.legal"
    label = "legal"
    verbose_name = _("Legal requests")

    def ready(self) -> None:
        from liaison.legal import access, registration  # noqa: F401  (access policies)

        registration.register()
