from __future__ import annotations

from typing import Any

from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN, SUPERVISOR
from tests.factories import AgencyFactory, UnitFactory, UserFactory
from tests.helpers import PageResourceTests


class TestUnitPages(PageResourceTests):
    url_prefix = "unit"
    allowed_roles = [SUPERVISOR]
    denied_roles = [DESK_OFFICER]
    audit_prefix = "unit"

    def make(self, agency: Any) -> Any:
        return UnitFactory(agency=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {"agency": agency.pk, "name": "Bàn Nga", "name_en": "Russia Desk", "kind": "desk", "is_active": "on"}


class TestUserPages(PageResourceTests):
    url_prefix = "user"
    allowed_roles = [NODE_ADMIN]
    denied_roles = [DESK_OFFICER]
    audit_prefix = "user"
    changed_field = "first_name"
    can_delete = False  # users are deactivated, never deleted

    def make(self, agency: Any) -> Any:
        return UserFactory(agency=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {
            "username": "page.user",
            "first_name": "Lan",
            "agency": agency.pk,
            "is_active": "on",
            "password": "Xin-chao-2026-!",
        }

    def test_other_agency_record_is_like_a_missing_one(self, home: Any, partner: Any) -> None:
        # The node administrator manages every agency's users by design (docs/decisions/0003); a supervisor may not.
        foreign = self.make(partner)
        client = self.client_for(home, [SUPERVISOR])
        assert client.get(self.url("detail", foreign)).status_code == 404


class TestAgencyPages(PageResourceTests):
    url_prefix = "agency"
    allowed_roles = [NODE_ADMIN]
    denied_roles = [DESK_OFFICER]
    audit_prefix = "agency"
    changed_field = "name_en"
    can_delete = False  # agencies are marked inactive, never deleted

    def make(self, agency: Any) -> Any:
        return AgencyFactory()

    def form_data(self, agency: Any) -> dict[str, Any]:
        return {
            "code": "RU-FSB-X",
            "country": "RU",
            "name_native": "Тест",
            "name_en": "Test agency",
            "short_name": "Test",
            "kind": "interior",
            "is_active": "on",
        }

    def test_other_agency_record_is_like_a_missing_one(self, home: Any, partner: Any) -> None:
        # The directory is public to signed-in users (docs/decisions/0003); only its writes are guarded.
        client = self.client_for(home, [DESK_OFFICER])
        assert client.get(self.url("detail", partner)).status_code == 200
        assert client.post(self.url("update", partner), self.form_data(home)).status_code == 404
