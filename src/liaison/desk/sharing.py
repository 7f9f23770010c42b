"""What sharing a desk record shares with it (core/sharing.py): a notice shares the person it is about, so the
partner can read who the notice is about; withdrawing the notice withdraws the person unless another of the
owner's notices about that person is still shared with the partner."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.core import sharing
from liaison.desk.models import Notice


def register() -> None:
    sharing.register_cascade(
        Notice,
        "person",
        refusal=_("The person this notice is about belongs to %(owner)s; it cannot be passed on to another agency."),
    )
