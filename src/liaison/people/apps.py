from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "liaison.people"
    label = "people"
    verbose_name = _("People register")

    def ready(self) -> None:
        from liaison.people import access, registration  # noqa: F401  (access policies)

        registration.register()
