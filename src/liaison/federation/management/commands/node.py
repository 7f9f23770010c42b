"""liaison node: this node's identity and its partner nodes.

liaison node init --url URL [--node-id ID]      keys for the home agency (LIAISON_HOME_AGENCY)
liaison node card -o FILE                        write the public card; the last line is its fingerprint
liaison node pair FILE --fingerprint FP          pair the node of a partner's card (refused on a wrong fingerprint)
liaison node rotate-keys [--overlap-days N]      new keys; the old ones stay valid N days (partners are told)
liaison node suspend NODE / liaison node resume NODE
liaison node unpair NODE --reason TEXT          remove a suspended partner node (docs/decisions/0034)
liaison node show                                this node, its fingerprint and its partners
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.agencies.system import system_actor
from liaison.core import context
from liaison.federation import actions, keys, nodes
from liaison.federation.choices import PartnerStatus
from liaison.federation.models import PartnerNode


def _errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def find_partner(text: str) -> PartnerNode:
    """A partner node by its id or the code of an agency it serves."""
    partner = (
        PartnerNode.objects.filter(node_id=text).first() or PartnerNode.objects.filter(agencies__code=text).first()
    )
    if partner is None:
        known = ", ".join(PartnerNode.objects.values_list("node_id", flat=True)) or "none paired yet"
        raise CommandError(f"No partner node {text!r} (known: {known}).")
    return partner


class Command(BaseCommand):
    help = (
        "This node's identity and keys, and its partner nodes (init, card, pair, rotate-keys, suspend, resume, unpair, "
        "show)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True)
        init = sub.add_parser("init", help="Create this node's keys for the home agency (LIAISON_HOME_AGENCY).")
        init.add_argument("--url", required=True, help="This node's public address, e.g. https://liaison.example.")
        init.add_argument("--node-id", default="", help="The node's id (default: the home agency's code).")
        card = sub.add_parser("card", help="Write this node's public card; prints its fingerprint last.")
        card.add_argument("-o", "--output", required=True, help="File to write ('-' for standard output).")
        pair = sub.add_parser("pair", help="Pair the node of a partner's card after checking its fingerprint.")
        pair.add_argument("file")
        pair.add_argument("--fingerprint", required=True, help="As the partner's administrator read it to you.")
        rotate = sub.add_parser("rotate-keys", help="New keys; the old ones stay valid for the overlap.")
        rotate.add_argument("--overlap-days", type=float, default=14.0)
        for name, text in (("suspend", "Suspend a partner node."), ("resume", "Make a suspended partner node active.")):
            sub.add_parser(name, help=text).add_argument("node", help="Partner node id or the code of its agency.")
        unpair = sub.add_parser("unpair", help="Remove a suspended partner node; its pending messages are cancelled.")
        unpair.add_argument("node", help="Partner node id or the code of an agency it serves.")
        unpair.add_argument("--reason", required=True, help="Why it is unpaired (kept in the audit trail).")
        sub.add_parser("show", help="This node, its fingerprint and its partners.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = system_actor("node")
        operation = options["operation"]
        try:
            with context.channel(context.CHANNEL_CLI):
                getattr(self, "do_" + operation.replace("-", "_"))(options, actor)
        except ValidationError as error:
            raise CommandError(_errors(error)) from None
        except (keys.NodeNotInitialised, nodes.CardError) as error:
            raise CommandError(str(error)) from None

    def do_init(self, options: dict[str, Any], actor: Any) -> None:
        node = actions.do_init_node(options["url"], node_id=options["node_id"], actor=actor)
        self.stdout.write(self.style.SUCCESS(f"Node {node.node_id} for {node.agency.code} at {node.url}."))
        self.stdout.write(f"Fingerprint: {nodes.fingerprint(nodes.card())}")

    def do_card(self, options: dict[str, Any], actor: Any) -> None:
        data = nodes.card()
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if options["output"] == "-":
            self.stdout.write(text)
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Card of {data['node']} written to {options['output']}.")
        self.stdout.write(nodes.fingerprint(data))

    def do_pair(self, options: dict[str, Any], actor: Any) -> None:
        try:
            data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{options['file']}: not a readable card ({error}).") from None
        partner = actions.do_pair_node(data, fingerprint=options["fingerprint"], actor=actor)
        agencies = ", ".join(partner.agencies.values_list("code", flat=True))
        self.stdout.write(self.style.SUCCESS(f"Paired with {partner.node_id} ({agencies}: remote here)."))

    def do_rotate_keys(self, options: dict[str, Any], actor: Any) -> None:
        overlap = datetime.timedelta(days=options["overlap_days"])
        fresh = actions.do_rotate_keys(overlap=overlap, actor=actor)
        self.stdout.write(
            self.style.SUCCESS(f"New keys {', '.join(k.kid for k in fresh)}; partners are sent the card.")
        )
        self.stdout.write(f"Fingerprint: {nodes.fingerprint(nodes.card())}")

    def do_suspend(self, options: dict[str, Any], actor: Any) -> None:
        partner = actions.do_set_partner_status(find_partner(options["node"]), PartnerStatus.SUSPENDED, actor=actor)
        self.stdout.write(self.style.SUCCESS(f"{partner.node_id} suspended."))

    def do_resume(self, options: dict[str, Any], actor: Any) -> None:
        partner = actions.do_set_partner_status(find_partner(options["node"]), PartnerStatus.ACTIVE, actor=actor)
        self.stdout.write(self.style.SUCCESS(f"{partner.node_id} active."))

    def do_unpair(self, options: dict[str, Any], actor: Any) -> None:
        partner = actions.do_unpair_node(find_partner(options["node"]), reason=options["reason"], actor=actor)
        self.stdout.write(self.style.SUCCESS(f"{partner.node_id} unpaired: a former partner; what it sent stays here."))

    def do_show(self, options: dict[str, Any], actor: Any) -> None:
        node = nodes.local_node()
        self.stdout.write(f"Node {node.node_id} ({node.agency.code}) at {node.url}")
        self.stdout.write(f"Fingerprint: {nodes.fingerprint(nodes.card())}")
        for partner in PartnerNode.objects.prefetch_related("agencies"):
            agencies = ", ".join(a.code for a in partner.agencies.all())
            self.stdout.write(f"  {partner.node_id} [{partner.status}] {partner.fingerprint} ({agencies})")
