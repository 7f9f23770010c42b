"""The kinds of record a message may be about (persons, notices, fugitive cases; legal requests and investigations
register themselves the same way when they exist). A link names the record by its model label and id; the
sender links only what it may see, and a reader sees a linked record only as its own access allows."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from liaison.core import access

# model label (app_label.modelname) → URL name of its page
_TARGETS: dict[str, str] = {}


def register_link_target(label: str, url_name: str) -> None:
    _TARGETS[label] = url_name


def link_targets() -> list[str]:
    return list(_TARGETS)


def target_model(label: str) -> type[models.Model]:
    if label not in _TARGETS:
        raise ValidationError(
            {"links": _("A message cannot be linked to records of kind %(kind)s; it can to: %(kinds)s.")
             % {"kind": label, "kinds": ", ".join(_TARGETS)}}
        )  # fmt: skip
    return apps.get_model(label)


def check_target(label: str, target_id: Any, actor: Any) -> models.Model:
    """The record `label`/`target_id` if the actor may see it; a ValidationError naming it otherwise."""
    model = target_model(label)
    try:
        return access.get_for(model._default_manager.all(), actor, pk=target_id)
    except Exception:
        raise ValidationError(
            {"links": _("No %(kind)s with id %(id)s that you may see.") % {"kind": label, "id": target_id}}
        ) from None


def visible_links(message: Any, actor: Any) -> list[dict[str, Any]]:
    """The message's links as the actor sees them: with a URL where the actor may open the record."""
    shown = []
    for link in message.links.all():
        url = ""
        if link.target_type in _TARGETS:
            model = apps.get_model(link.target_type)
            if access.restrict(model._default_manager.filter(pk=link.target_id), actor).exists():
                try:
                    url = reverse(_TARGETS[link.target_type], args=[link.target_id])
                except NoReverseMatch:
                    url = ""
        shown.append({"link": link, "url": url, "kind": link.target_type, "label": link.label})
    return shown
