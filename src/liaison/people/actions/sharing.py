"""Sharing a person with a partner agency (core/sharing.py): that agency reads the person under a handling code
and a TLP label. A notice shared with a partner shares its subject the same way (the cascade desk registers)."""

from __future__ import annotations

from typing import Any

from django.db import models

from liaison.core import actions, sharing
from liaison.core.choices import TLP
from liaison.core.models import Share
from liaison.people.access import MANAGE_PERMISSION
from liaison.people.actions.common import require_person_owner
from liaison.people.models import Person


def do_share_person(
    person: Person, agency: Any, *, handling_code: str, actor: Any, tlp: str = TLP.AMBER, note: str = ""
) -> Share:
    """Give `agency` read access to the person under a handling code and a TLP label; sharing again with the same
    agency changes the terms."""
    actions.require(actor, MANAGE_PERMISSION)
    require_person_owner(person, actor)
    return sharing.do_share(person, agency, handling_code=handling_code, tlp=tlp, note=note, actor=actor)


def do_unshare_person(person: Person, agency: Any, *, actor: Any) -> None:
    """Withdraw the person from an agency it was shared with (a notice shared with that agency shares it again)."""
    actions.require(actor, MANAGE_PERMISSION)
    require_person_owner(person, actor)
    sharing.do_unshare(person, agency, actor=actor)


def shares_of(person: Person) -> models.QuerySet[Share]:
    """The shares of a person (which agencies read it, under which handling code)."""
    return sharing.shares_of(person)
