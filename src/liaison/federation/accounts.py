"""The account through which a partner node's messages act here.

Records written for a partner's message are owned by the sending agency, and some carry the user who wrote them
(a share's `shared_by`, a photo's `added_by`): so each (partner node, agency it serves) has one user here, of that
agency, created when the first message arrives. It is stored *inactive* with no usable password and no role: nobody
signs in with it and no API token works for it. Only while federation's inbox applies a verified message does it
act, in memory, with every permission (as the command line does: the message was checked and signed by a node the
administrator paired); the audit trail names it, on the channel 'federation'.
"""

from __future__ import annotations

from typing import Any

from liaison.agencies import actions as agency_actions
from liaison.agencies.models import User
from liaison.agencies.system import system_actor
from liaison.core.permissions import PERMISSIONS


def username(partner_node: str, agency_code: str) -> str:
    return f"node.{partner_node}.{agency_code}".lower()[:150]


def existing_account(partner: Any, agency: Any) -> User | None:
    """The account of `partner` acting for `agency` if it exists already, ready to act (None: not created yet)."""
    user = User.objects.filter(username=username(partner.node_id, agency.code)).first()
    return _acting(user) if user is not None else None


def partner_account(partner: Any, agency: Any) -> User:
    """The (stored inactive) account of `partner` acting for `agency`, ready to act for one message."""
    name = username(partner.node_id, agency.code)
    user = User.objects.filter(username=name).first()
    if user is None:
        data = {
            "username": name,
            "agency": agency,
            "first_name": partner.node_id[:150],
            "last_name": "(partner node)",
            "is_active": False,
        }
        user = agency_actions.do_create_user(data, password=None, actor=system_actor("federation"))
    return _acting(user)


def _acting(user: User) -> User:
    user.is_active = True  # in memory only, for this message (module docstring); never saved
    user.__dict__["liaison_permissions"] = frozenset(PERMISSIONS)
    return user
