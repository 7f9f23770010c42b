from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "liaison.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation registry")

    def ready(self) -> None:
        from liaison.cooperation import access, registration  # noqa: F401  (access policies)

        registration.register()
