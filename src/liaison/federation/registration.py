"""What federation adds to the shared registries (core/registry/): its permission (the node administrator's),
its page in the Administration menu, the envelope kind of a partner's new card (after a key rotation), and the
listener that sends a share with a remote agency to that agency's node (core/sharing.py), and the worker sweep that
queues again the envelopes a killed worker left behind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.core import registry
from liaison.federation import actions, delivery, outbox
from liaison.federation.models import LocalNode


def register() -> None:
    registry.register_permission(
        actions.MANAGE_PERMISSION, _("Set up this node, pair and suspend partner nodes, retry their messages")
    )
    registry.register_menu_entry("administration", "federation_node", _("Federation"), order=50, model=LocalNode)
    registry.register_envelope_kind(
        actions.CARD_KIND,
        handler=actions.apply_card,
        validate=actions.check_card_payload,
        label=_("A partner node's new card"),
        max_bytes=64 * 1024,
    )
    registry.register_worker_sweep("federation.stranded_envelopes", delivery.sweep_stranded)
    outbox.register()
