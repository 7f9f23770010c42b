"""What the people register adds to the shared registries (core/registry/): its permissions and the Liaison desk
section of the menu with the person search and the person list (the desk and screening add theirs to it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.core import reads, registry
from liaison.core.permissions import DESK_OFFICER, EVERY_ROLE, LEGAL_OFFICER, SUPERVISOR
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo


def register() -> None:
    reads.register_personal_data(Person, PersonName, IdentityDocument, Photo, Address, Contact)  # the read log
    registry.register_permission(
        "people.view", _("See the persons one's agency recorded or was shared"), roles=EVERY_ROLE
    )
    registry.register_permission(
        "people.manage",
        _("Record and change persons, their names, documents, photos, addresses and contacts"),
        roles=(DESK_OFFICER, LEGAL_OFFICER, SUPERVISOR),
    )
    registry.register_permission(
        "people.merge", _("Merge two records of the same person"), roles=(DESK_OFFICER, SUPERVISOR)
    )
    registry.register_menu_section("desk", _("Liaison desk"), order=40)
    registry.register_menu_entry("desk", "person_search", _("Search persons"), order=10, model=Person)
    registry.register_menu_entry("desk", "person_list", _("Persons"), order=20, model=Person)
