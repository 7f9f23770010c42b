from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "liaison.agencies"
    label = "agencies"
    verbose_name = _("Agencies and users")

    def ready(self) -> None:
        from liaison.agencies import access, registration, signals  # noqa: F401  (access policies, sign-in audit)

        registration.register()
