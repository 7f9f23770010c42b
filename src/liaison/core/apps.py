from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from liaison.core import (
            access_rules,  # noqa: F401  (registers the audit trail's access policy)
            registration,
            search,  # noqa: F401  (the `fold` lookup, and its function on SQLite connections)
        )
        from liaison.core.api import schema  # noqa: F401  (OpenAPI descriptions of the auth schemes)

        registration.register()
