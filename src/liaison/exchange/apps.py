from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "liaison.exchange"
    label = "exchange"
    verbose_name = _("Information exchange")

    def ready(self) -> None:
        from liaison.exchange import access, registration  # noqa: F401  (access policies)

        registration.register()
