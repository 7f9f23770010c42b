"""The kinds of record a message may be about (persons, notices, fugitive cases; legal requests and investigations
register themselves the same way when they exist). A link names the record by its model label and id; the
sender links only what it may see, and a reader sees a linked record only as its own access allows."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from liaison.core import access, registry

# model label (app_label.modelname) → URL name of its page
_TARGETS: dict[str, str] = {}


def register_link_target(label: str, url_name: str) -> None:
    """Messages may be linked to records of `label` (app_label.modelname), whose page is `url_name`; that page's
    record panels then list the messages about the record that the reader may see."""
    _TARGETS[label] = url_name
    registry.register_record_panel(
        label, "messages", template="exchange/_record_messages.html", context=record_messages, order=30
    )


def record_messages(request: HttpRequest, record: models.Model) -> dict[str, Any] | None:
    """The messages about the record that the user may see, newest first (the panel is hidden when there are
    none)."""
    from liaison.exchange import queries
    from liaison.exchange.models import Message

    user: Any = request.user
    if not access.can(user, Message, access.VIEW):
        return None
    label = record._meta.label_lower
    about = queries.visible(user).filter(links__target_type=label, links__target_id=str(record.pk))
    messages = list(about.distinct().order_by("-sent_at", "-pk")[:20])
    if not messages:
        return None
    return {"linked_messages": messages, "about_person": label == "people.person"}


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
