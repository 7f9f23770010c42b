from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "liaison.desk"
    label = "desk"
    verbose_name = _("Liaison desk")

    def ready(self) -> None:
        from liaison.desk import access, registration  # noqa: F401  (access policies)

        registration.register()
