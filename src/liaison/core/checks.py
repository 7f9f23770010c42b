"""Liaison's own system checks (`liaison check`; `liaison check --deploy` runs the deployment ones too).

Registered when core's models module is imported, which Django does for every command.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

KEY_HINT = (
    "Set LIAISON_SECRET_KEY to a long random secret of this node, e.g. "
    "export LIAISON_SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\" "
    "(in the service's environment file), and keep it secret."
)


def development_key_errors() -> list[checks.CheckMessage]:
    """An error when this node runs with the public development key (it is in the source, so anyone can forge
    session cookies and API token hashes with it). Used by `check --deploy` and `serve --production`."""
    if settings.SECRET_KEY != settings.DEVELOPMENT_SECRET_KEY:
        return []
    return [
        checks.Error(
            "SECRET_KEY is the public development key (LIAISON_SECRET_KEY is not set).",
            hint=KEY_HINT,
            id="liaison.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return development_key_errors()
