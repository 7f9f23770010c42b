"""The sender's codes as the markings MISP and STIX readers know (docs/decisions/0040-misp-and-stix-exports.md).

- **TLP 2.0**: the message's label, raised to the floor its handling code needs: H2 (no onward dissemination
  without permission) and H3 (restrictions stated, which a reader must see first) travel at least as
  TLP:AMBER+STRICT (the recipient's organisation only). H0 and H1 leave the sender's label as it is.
- **PAP** (Permissible Actions Protocol, what the recipient may do with it): H0, H1 and H2 allow action to prevent
  and combat crime → PAP:GREEN; H3's restrictions are unknown to a machine → PAP:AMBER (passive cross-checks
  only, until a person has read them).
- **The handling code itself and its text**, which neither TLP nor PAP expresses (H1: not for judicial
  proceedings without the provider's permission): a MISP tag `liaison:handling-code="H1"` with a text attribute,
  a STIX statement marking.
"""

from __future__ import annotations

from dataclasses import dataclass

# TLP 2.0 in STIX 2.1: the marking definitions the OASIS CTI TC published (cti-stix-common-objects,
# extension-definition-specifications/tlp-2.0). stix2 3.0 knows only the TLP 1.0 ones (TLP_WHITE … TLP_RED).
TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"
TLP2_IDS = {
    "CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
TLP_ORDER = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
TLP_FLOOR = {"H0": "CLEAR", "H1": "CLEAR", "H2": "AMBER+STRICT", "H3": "AMBER+STRICT"}
PAP = {"H0": "GREEN", "H1": "GREEN", "H2": "GREEN", "H3": "AMBER"}
PAP_MEANING = {
    "GREEN": "PAP:GREEN - active actions allowed: the recipient may act on this information",
    "AMBER": "PAP:AMBER - passive cross-checks only: no action the subject could detect",
}
# MISP distribution (what the recipient's MISP may pass on): 0 its organisation only, 1 its community only,
# 3 all communities.
MISP_DISTRIBUTION = {"CLEAR": 3, "GREEN": 1, "AMBER": 0, "AMBER+STRICT": 0, "RED": 0}


@dataclass(frozen=True)
class Markings:
    tlp: str  # "AMBER+STRICT"
    pap: str  # "GREEN"
    handling_code: str
    handling_text: str

    @property
    def misp_tags(self) -> list[str]:
        """The event's tags: MISP's tlp and PAP taxonomies, and the handling code as a machine tag."""
        return [f"tlp:{self.tlp.lower()}", f"PAP:{self.pap}", f'liaison:handling-code="{self.handling_code}"']

    @property
    def misp_distribution(self) -> int:
        return MISP_DISTRIBUTION[self.tlp]

    @property
    def handling_statement(self) -> str:
        text = self.handling_text.strip()
        return text if text.startswith(self.handling_code) else f"{self.handling_code}: {text}".rstrip(": ")


def markings(handling_code: str, handling_text: str, tlp: str) -> Markings:
    """The markings of a message whose codes are valid (validation.check_codes)."""
    floor = TLP_FLOOR[handling_code]
    strictest = max(tlp, floor, key=TLP_ORDER.index)
    return Markings(strictest, PAP[handling_code], handling_code, handling_text)


def tlp2_marking_definition(tlp: str) -> dict[str, object]:
    """The STIX 2.1 marking definition of a TLP 2.0 label, as published."""
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": TLP2_IDS[tlp],
        "created": TLP2_CREATED,
        "name": f"TLP:{tlp}",
        "extensions": {TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": tlp.lower()}},
    }
