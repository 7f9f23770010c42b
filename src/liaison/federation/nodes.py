"""This node's card, partner nodes, and whether an agency is home, hosted or remote here.

A *card* is the public description of a node: its id, address and inbox, the agencies it serves, and its public
keys still valid (the current ones and those in their overlap period after a rotation). It is canonical JSON, so
the same node state always gives the same card and the same fingerprint, which both administrators compare by
telephone before pairing (docs/decisions/0027-home-hosted-remote-agencies.md).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from liaison.agencies.models import Agency
from liaison.federation import keys, memo, signing
from liaison.federation.choices import KeyUse
from liaison.federation.models import LocalNode, PartnerKey, PartnerNode

CARD_VERSION = 1
AGENCY_FIELDS = ("code", "country", "name_native", "name_en", "short_name", "kind")
HOME, HOSTED, REMOTE = "home", "hosted", "remote"


class CardError(ValueError):
    """A card file that is not a Liaison node card, or does not match its fingerprint."""


def local_node() -> LocalNode:
    node = _local_node()
    if node is None:
        raise keys.NodeNotInitialised("This node has no identity yet: run 'liaison node init --url URL'.")
    return node


def served_agencies() -> list[Agency]:
    """The agencies whose messages this node sends and receives: its home agency."""
    return [local_node().agency]


def _local_node() -> LocalNode | None:
    """This node's row (once per batch, federation/memo.py), or None before `liaison node init`."""
    return memo.once("local_node", lambda: LocalNode.objects.select_related("agency").first())


def serves(agency: Agency) -> bool:
    node = _local_node()
    return node is not None and node.agency_id == agency.pk


def agency_card(agency: Agency) -> dict[str, Any]:
    return {name: str(getattr(agency, name) or "") for name in AGENCY_FIELDS}


def when(value: Any) -> str | None:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def card() -> dict[str, Any]:
    node = local_node()
    node_keys = sorted(keys.usable(KeyUse.SIGN) + keys.usable(KeyUse.ENCRYPT), key=lambda k: (k.use, k.kid))
    return {
        "liaison_card": CARD_VERSION,
        "node": node.node_id,
        "url": node.url,
        "inbox": node.inbox_url,
        "agencies": [agency_card(agency) for agency in served_agencies()],
        "keys": [
            {"kid": key.kid, "use": key.use, "jwk": key.public_jwk, "valid_until": when(key.valid_until)}
            for key in node_keys
        ],
    }


def fingerprint(card_data: dict[str, Any]) -> str:
    return signing.short_fingerprint(signing.canonical(card_data))


def normal_fingerprint(text: str) -> str:
    return re.sub(r"[^A-Z2-7]", "", text.upper())


def check_card(data: Any) -> dict[str, Any]:
    """The card if it is one (structure only; the fingerprint is checked by the caller)."""
    if not isinstance(data, dict) or data.get("liaison_card") != CARD_VERSION:
        raise CardError("not a Liaison node card (version 1)")
    for name in ("node", "url", "inbox"):
        if not isinstance(data.get(name), str) or not data[name]:
            raise CardError(f"the card has no {name}")
    if not all(data[name].startswith(("https://", "http://")) for name in ("url", "inbox")):
        raise CardError("the card's addresses are not http(s) addresses")
    if not re.fullmatch(r"[-a-zA-Z0-9_]{1,64}", data["node"]):
        raise CardError("the card's node id is not a slug")
    agencies = data.get("agencies")
    if not isinstance(agencies, list) or not agencies:
        raise CardError("the card names no agency")
    for agency in agencies:
        if not isinstance(agency, dict) or not all(isinstance(agency.get(name), str) for name in AGENCY_FIELDS):
            raise CardError("an agency of the card is incomplete")
    card_keys = data.get("keys")
    if not isinstance(card_keys, list) or not any(isinstance(k, dict) and k.get("use") == "sig" for k in card_keys):
        raise CardError("the card has no signing key")
    for key in card_keys:
        if not isinstance(key, dict) or key.get("use") not in KeyUse.values or not isinstance(key.get("jwk"), dict):
            raise CardError("a key of the card is incomplete")
        try:
            public = keys.load_public(key["jwk"])
        except Exception as error:  # joserfc raises several kinds for a bad key
            raise CardError(f"a key of the card cannot be read ({error})") from None
        if public.thumbprint() != key.get("kid"):
            raise CardError("a key of the card does not match its id")
        if key.get("valid_until") is not None and parse_datetime(str(key["valid_until"])) is None:
            raise CardError("a key of the card has an unreadable validity")
    return data


def set_partner_keys(partner: PartnerNode, card_data: dict[str, Any]) -> None:
    """Make the partner's keys those of its card: new ones added, validity updated, those left off expired now."""
    now = timezone.now()
    seen = set()
    for key in card_data["keys"]:
        until = parse_datetime(key["valid_until"]) if key.get("valid_until") else None
        PartnerKey.objects.update_or_create(
            partner=partner,
            kid=key["kid"],
            defaults={"use": key["use"], "public_jwk": key["jwk"], "valid_until": until},
        )
        seen.add(key["kid"])
    partner.keys.exclude(kid__in=seen).filter(valid_until__isnull=True).update(valid_until=now)
    partner.keys.exclude(kid__in=seen).filter(valid_until__gt=now).update(valid_until=now)


def partner_keys(partner: PartnerNode, use: str) -> list[tuple[str, Any]]:
    """The partner's keys of `use` valid now, as (kid, joserfc key)."""
    now = timezone.now()
    found = []
    for key in partner.keys.filter(use=use):
        if key.valid_until is None or key.valid_until > now:
            found.append((key.kid, keys.load_public(key.public_jwk)))
    return found


def partner_for(agency: Agency | None) -> PartnerNode | None:
    """The partner node serving `agency` (suspended or not), or None: the agency is home or hosted here."""
    if agency is None:
        return None
    return memo.once(("partner_for", agency.pk), PartnerNode.objects.filter(agencies=agency).first)


def agency_status(agency: Agency) -> str:
    """home (runs this node), remote (served by a paired partner node) or hosted (its officers sign in here)."""
    if agency.is_home:
        return HOME
    return REMOTE if PartnerNode.objects.filter(agencies=agency).exists() else HOSTED
