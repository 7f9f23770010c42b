"""Sharing an agency-owned record with another agency (core.models.Share): one mechanism for every domain.

- `do_share(obj, agency, ...)` gives `agency` read access to `obj` under a handling code (H0–H3; H3 with its
  restrictions written out) and a TLP label; sharing again with the same agency changes the terms. Only the
  owning agency shares, never with itself nor with an inactive agency. `do_unshare` withdraws the access.
- Both write their audit record in the same transaction: "<name>.share" (after: agency, handling code, TLP,
  note, new) and "<name>.unshare" (before: agency, handling code, TLP), where <name> is the model's class name
  in snake case ("notice", "person", "fugitive_case").
- **Cascades.** An app registers that a record of its model shares the record one of its foreign keys points
  to (`register_cascade(Notice, "person", refusal=...)`: a partner reading a notice must read who it is about).
  Sharing the record then shares the follower with the same agency under the same terms, in the same
  transaction, audited "<follower>.share" with `via_<name>`; the source's record names the follower (or None).
  A follower that belongs to the receiving agency is left alone; one that belongs to a third agency (shared
  with us) refuses the whole share with the registered `refusal`: passing it on is its owner's decision.
  Withdrawing the record withdraws the follower's share too ("<follower>.unshare" with `via_<name>`; the
  source's record says `<field>_unshared`), unless another record of the owner that reaches the follower
  through a cascade is still shared with that agency. Withdrawing the follower itself withdraws it alone.
- **Listeners.** `register_listener(fn)`: `fn(event, obj, agency, share, actor)` is called inside the transaction
  of every share (event "share", `share` with the new terms) and withdrawal (event "unshare", `share` the deleted
  share with the terms it had) of a record, not of its followers;
  federation sends the record to an agency served by a partner node this way (a listener may refuse the whole
  share by raising ValidationError).
- The domain's own action (`do_share_notice`, `do_share_person`) checks its permission and its own rules (a
  notice is shared once issued), then calls these; apps register their cascades at startup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import audit
from liaison.core.choices import TLP, HandlingCode
from liaison.core.models import Share


@dataclass(frozen=True)
class Cascade:
    """A record of `model` shares the record its foreign key `field` points to; `refusal` (with %(owner)s) is
    the message when that record belongs to a third agency."""

    model: type[models.Model]
    field: str
    refusal: Any

    def target_model(self) -> type[models.Model]:
        related = self.model._meta.get_field(self.field).related_model
        assert isinstance(related, type)
        return related


_CASCADES: list[Cascade] = []


Listener = Callable[[str, models.Model, Any, Share, Any], None]
_LISTENERS: list[Listener] = []


def register_listener(listener: Listener) -> None:
    """Call `listener(event, obj, agency, share, actor)` on every share ("share") and withdrawal ("unshare") of a
    record, inside its transaction (see the module docstring). Registering the same listener again does nothing."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _notify(event: str, obj: models.Model, agency: Any, share: Share, actor: Any) -> None:
    for listener in list(_LISTENERS):
        listener(event, obj, agency, share, actor)


def register_cascade(model: type[models.Model], field: str, *, refusal: Any) -> None:
    """Sharing a `model` record shares the record its foreign key `field` points to (see the module docstring).
    `refusal` (a lazy translated text with %(owner)s) says why a record shared with us is not passed on.
    Registering the same cascade again replaces it."""
    relation = model._meta.get_field(field)
    if not (relation.is_relation and (relation.many_to_one or relation.one_to_one)):
        raise ImproperlyConfigured(f"{model._meta.label}.{field} is not a foreign key: it cannot cascade a share.")
    unregister_cascade(model, field)
    _CASCADES.append(Cascade(model, field, refusal))


def unregister_cascade(model: type[models.Model], field: str) -> None:
    _CASCADES[:] = [c for c in _CASCADES if (c.model, c.field) != (model, field)]


def cascades_from(model: type[models.Model]) -> list[Cascade]:
    """The cascades a record of `model` starts."""
    return [cascade for cascade in _CASCADES if cascade.model is model]


def cascades_to(model: type[models.Model]) -> list[Cascade]:
    """The cascades that reach a record of `model`."""
    return [cascade for cascade in _CASCADES if cascade.target_model() is model]


def audit_name(model: type[models.Model]) -> str:
    """The prefix of the model's audit actions: its class name in snake case (FugitiveCase → fugitive_case)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def shares_of(obj: models.Model) -> models.QuerySet[Share]:
    """The shares of a record: which agencies read it, under which handling code."""
    return Share.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("agency", "shared_by")


def share_for(obj: models.Model, agency_id: Any) -> Share | None:
    """The share through which `agency_id` reads the record (None for the owner or an agency without one)."""
    return shares_of(obj).filter(agency_id=agency_id).first()


def _check_owner(obj: models.Model, actor: Any) -> None:
    """Only the owning agency shares a record or withdraws a share (one shared with us is read-only)."""
    if getattr(obj, "owner_id", None) != getattr(actor, "agency_id", None):
        raise PermissionDenied(f"{audit_name(type(obj))}.share")


def check_terms(obj: models.Model, agency: Any, *, handling_code: str, tlp: str, note: str) -> None:
    """Refuse a share with the agency that owns the record, an inactive agency, or under unknown terms."""
    if agency is None:
        raise ValidationError({"agency": _("Choose the agency to share with.")})
    if agency.pk == getattr(obj, "owner_id", None):
        raise ValidationError({"agency": _("The record already belongs to that agency.")})
    if not agency.is_active:
        raise ValidationError({"agency": _("That agency is no longer active.")})
    if handling_code not in HandlingCode.values:
        raise ValidationError({"handling_code": _("Choose a handling code H0–H3.")})
    if tlp not in TLP.values:
        raise ValidationError({"tlp": _("Choose a TLP label.")})
    if handling_code == HandlingCode.H3 and not (note or "").strip():
        raise ValidationError({"handling_note": _("H3 needs the restrictions written out.")})


def do_share(
    obj: models.Model, agency: Any, *, handling_code: str, tlp: str = TLP.AMBER, note: str = "", actor: Any
) -> Share:
    """Give `agency` read access to `obj` (and to its followers) under a handling code and a TLP label; an
    existing share is updated. Returns the record's share."""
    _check_owner(obj, actor)
    check_terms(obj, agency, handling_code=handling_code, tlp=tlp, note=note)
    terms = {"handling_code": handling_code, "tlp": tlp, "handling_note": (note or "").strip()}
    with transaction.atomic():
        share = _share(obj, agency, terms, actor=actor, via=None, seen=set())
        _notify("share", obj, agency, share, actor)
        return share


def _key(obj: models.Model) -> tuple[str, Any]:
    return (obj._meta.label_lower, obj.pk)


def _followers(obj: models.Model, agency: Any) -> list[tuple[Cascade, models.Model | None]]:
    """Each cascade of `obj` with the record it shares, or None (none, or it belongs to `agency`); refuse a
    record that belongs to a third agency."""
    found: list[tuple[Cascade, models.Model | None]] = []
    for cascade in cascades_from(type(obj)):
        target = getattr(obj, cascade.field)
        if target is None or target.owner_id == agency.pk:
            found.append((cascade, None))
            continue
        if target.owner_id != getattr(obj, "owner_id", None):
            raise ValidationError({"agency": cascade.refusal % {"owner": target.owner}})
        found.append((cascade, target))
    return found


def _share(
    obj: models.Model,
    agency: Any,
    terms: dict[str, str],
    *,
    actor: Any,
    via: models.Model | None,
    seen: set[tuple[str, Any]],
) -> Share:
    seen.add(_key(obj))
    followers = _followers(obj, agency)
    share, created = Share.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        agency=agency,
        defaults={**terms, "shared_by": actor, "shared_at": timezone.now()},
    )
    shared: dict[str, Any] = {}
    for cascade, target in followers:
        if target is not None and _key(target) not in seen:
            _share(target, agency, terms, actor=actor, via=obj, seen=seen)
        shared[cascade.field] = target.pk if target is not None else None
    after: dict[str, Any] = {"agency": agency.pk, "handling_code": terms["handling_code"], "tlp": terms["tlp"]}
    if via is None:
        after.update(note=terms["handling_note"], new=created)
    else:
        after[f"via_{audit_name(type(via))}"] = via.pk
    audit.record(f"{audit_name(type(obj))}.share", actor=actor, obj=obj, after=after | shared)
    return share


def do_unshare(obj: models.Model, agency: Any, *, actor: Any) -> None:
    """Withdraw `agency`'s access to `obj`, and to its followers that nothing else of the owner still shares
    with that agency (module docstring)."""
    _check_owner(obj, actor)
    with transaction.atomic():
        share = shares_of(obj).select_for_update().filter(agency=agency).first()
        if share is None:
            raise ValidationError({"agency": _("The record is not shared with that agency.")})
        before = {"agency": agency.pk, "handling_code": share.handling_code, "tlp": share.tlp}
        share.delete()
        withdrawn = _withdraw_followers(obj, agency, actor=actor, seen={_key(obj)})
        audit.record(f"{audit_name(type(obj))}.unshare", actor=actor, obj=obj, before=before, after=withdrawn or None)
        _notify("unshare", obj, agency, share, actor)


def _withdraw_followers(obj: models.Model, agency: Any, *, actor: Any, seen: set[tuple[str, Any]]) -> dict[str, bool]:
    """Withdraw the shares `obj`'s cascades gave `agency`, except where another source still gives them."""
    withdrawn: dict[str, bool] = {}
    for cascade in cascades_from(type(obj)):
        target = getattr(obj, cascade.field)
        done = False
        if (
            target is not None
            and _key(target) not in seen
            and target.owner_id == getattr(obj, "owner_id", None)
            and not _still_reached(target, agency, besides=obj)
        ):
            deleted, _rows = shares_of(target).filter(agency=agency).delete()
            if deleted:
                done = True
                seen.add(_key(target))
                further = _withdraw_followers(target, agency, actor=actor, seen=seen)
                audit.record(
                    f"{audit_name(type(target))}.unshare",
                    actor=actor,
                    obj=target,
                    before={"agency": agency.pk, f"via_{audit_name(type(obj))}": obj.pk},
                    after=further or None,
                )
        withdrawn[f"{cascade.field}_unshared"] = done
    return withdrawn


def _still_reached(target: models.Model, agency: Any, *, besides: models.Model) -> bool:
    """Whether another record of the target's owner, shared with `agency`, shares `target` through a cascade."""
    for cascade in cascades_to(type(target)):
        owner_id = getattr(target, "owner_id", None)
        sources = cascade.model._default_manager.filter(**{cascade.field: target, "owner_id": owner_id})
        if cascade.model is type(besides):
            sources = sources.exclude(pk=besides.pk)
        if Share.objects.filter(
            content_type=ContentType.objects.get_for_model(cascade.model),
            agency=agency,
            object_id__in=[str(pk) for pk in sources.values_list("pk", flat=True)],
        ).exists():
            return True
    return False
