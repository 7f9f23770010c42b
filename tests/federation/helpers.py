"""A partner node played by the test: its keys in memory, its card, and the envelopes it signs."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import uuid
from typing import Any

from django.utils import timezone
from joserfc.jwk import OKPKey

from liaison.federation import envelopes, signing


def stamp(moment: datetime.datetime | None = None) -> str:
    return envelopes.timestamp(moment or timezone.now())


class FakeNode:
    def __init__(self, node_id: str = "KR-KNPA", agency: str = "KR-KNPA", url: str = "http://kr.example") -> None:
        self.node_id, self.agency, self.url = node_id, agency, url
        self.sig = OKPKey.generate_key("Ed25519")
        self.enc = OKPKey.generate_key("X25519")

    def card(self) -> dict[str, Any]:
        keys = [
            {"kid": key.thumbprint(), "use": use, "jwk": {**key.as_dict(private=False), "kid": key.thumbprint()}}
            | {"valid_until": None}
            for key, use in ((self.sig, "sig"), (self.enc, "enc"))
        ]
        return {
            "liaison_card": 1,
            "node": self.node_id,
            "url": self.url,
            "inbox": self.url + "/federation/inbox/",
            "agencies": [
                {
                    "code": self.agency,
                    "country": "KR",
                    "name_native": "경찰청",
                    "name_en": "Korean National Police Agency",
                    "short_name": "KNPA",
                    "kind": "police",
                }
            ],
            "keys": sorted(keys, key=lambda k: (k["use"], k["kid"])),
        }

    def sign(self, value: Any, *, typ: str = envelopes.ENVELOPE_TYP, key: OKPKey | None = None) -> str:
        key = key or self.sig
        return signing.sign(value, key, key.thumbprint(), typ=typ)

    def content(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        to_node: str = "VN-MPS",
        to_agency: str = "VN-MPS",
        from_agency: str | None = None,
        created: datetime.datetime | None = None,
        envelope_id: str | None = None,
        attachments: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
        handling: tuple[str, str] = ("H2", "AMBER"),
    ) -> dict[str, Any]:
        return {
            "v": 1,
            "id": envelope_id or str(uuid.uuid4()),
            "kind": kind,
            "created": stamp(created),
            "sender": {"node": self.node_id, "agency": from_agency or self.agency},
            "recipient": {"node": to_node, "agency": to_agency},
            "handling": {"code": handling[0], "tlp": handling[1], "note": ""},
            "references": [],
            "payload": payload,
            "attachments": [
                {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                    "name": name,
                    "content_type": "image/png",
                }
                for name, data in attachments
            ],
        }

    def message(self, content: dict[str, Any], files: dict[str, bytes] | None = None, **kwargs: Any) -> dict[str, Any]:
        return {
            "envelope": self.sign(content, **kwargs),
            "attachments": {digest: base64.b64encode(data).decode() for digest, data in (files or {}).items()},
        }

    def answer(self, message: dict[str, Any]) -> dict[str, Any]:
        """What this node's inbox answers to a message it applies: its receipt."""
        body = message["envelope"].split(".")[1]
        envelope_id = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))["id"]
        return {"status": "applied", "receipt": self.receipt(envelope_id, message["envelope"])}

    def receipt(self, envelope_id: str, signed: str) -> str:
        return self.sign(
            {
                "v": 1,
                "receipt_for": envelope_id,
                "node": self.node_id,
                "status": "applied",
                "received": stamp(),
                "digest": signing.sha256_hex(signed.encode()),
            },
            typ=envelopes.RECEIPT_TYP,
        )


def notice_payload(remote_id: str = "501", *, status: str = "active", name: str = "김민준") -> dict[str, Any]:
    """What a partner node sends for a shared notice (desk/federation.py)."""
    return {
        "id": remote_id,
        "notice": {
            "kind": "wanted",
            "status": status,
            "source": "own",
            "issuing_country": "KR",
            "reference": "KNPA-2026-77",
            "interpol_id": "",
            "legal_basis_kind": "warrant",
            "legal_basis_authority": "Seoul Central District Court",
            "legal_basis_date": "2025-11-02",
            "legal_basis_reference": "2025-GO-1234",
            "summary": "Voice-phishing ring organiser.",
            "issued_on": str(timezone.localdate()),
            "valid_until": None,
            "issuing_agency": "KR-KNPA",
            "offences": [
                {
                    "description": "Fraud (voice phishing)",
                    "description_translation": "",
                    "crime_area": "telecom_fraud",
                    "law": "Criminal Act art. 347",
                    "max_penalty": "10 years",
                    "country": "KR",
                }
            ],
        },
        "person": {
            "id": "9001",
            "sex": "M",
            "birth_date": "1988-04",
            "birth_place": "Busan",
            "birth_country": "KR",
            "nationalities": ["KR"],
            "height_cm": None,
            "weight_kg": None,
            "eye_colour": "",
            "hair_colour": "",
            "distinguishing_marks": "",
            "description": "",
            "languages": ["ko"],
            "fictional": True,
            "names": [
                {
                    "full_name": name,
                    "family_name": "",
                    "given_names": "",
                    "patronymic": "",
                    "script": "Hang",
                    "language": "ko",
                    "kind": "native",
                    "is_primary": True,
                    "transcribed_by": "",
                },
                {
                    "full_name": "KIM Min-jun",
                    "family_name": "KIM",
                    "given_names": "Min-jun",
                    "patronymic": "",
                    "script": "Latn",
                    "language": "",
                    "kind": "passport",
                    "is_primary": False,
                    "transcribed_by": "",
                },
            ],
            "documents": [
                {"kind": "passport", "number": "M12345678", "issuing_country": "KR", "issued_on": None}
                | {"valid_until": None, "mrz": ""}
            ],
        },
    }
