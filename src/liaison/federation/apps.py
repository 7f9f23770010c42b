from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "liaison.federation"
    label = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from liaison.federation import access, registration  # noqa: F401  (access policies)

        registration.register()
