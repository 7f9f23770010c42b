from __future__ import annotations

from typing import Any

from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN, SUPERVISOR
from tests.factories import UnitFactory, UserFactory
from tests.helpers import ApiResourceTests


class TestUnitApi(ApiResourceTests):
    basename = "unit"
    allowed_roles = [SUPERVISOR]
    denied_roles = [DESK_OFFICER]
    audit_prefix = "unit"
    update_payload = {"name_en": "Korea Desk"}

    def make(self, agency: Any) -> Any:
        return UnitFactory(agency=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"agency": agency.pk, "name": "Bàn Hàn Quốc", "kind": "desk"}


class TestUserApi(ApiResourceTests):
    basename = "user"
    allowed_roles = [NODE_ADMIN]
    denied_roles = [DESK_OFFICER]
    audit_prefix = "user"
    update_payload = {"first_name": "Thanh"}
    can_delete = False  # users are deactivated, never deleted: their audit records keep pointing at them

    def make(self, agency: Any) -> Any:
        return UserFactory(agency=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"username": "new.officer", "agency": agency.pk, "roles": ["desk_officer"], "password": "Xin-chao-2026!"}

    def test_other_agency_record_is_like_a_missing_one(self, home: Any, partner: Any, api_client: Any) -> None:
        # A node administrator manages every agency's users by design; check the rule for a supervisor instead.
        foreign = self.make(partner)
        client = api_client(UserFactory(agency=home, roles=[SUPERVISOR]))
        assert client.get(self.url(foreign)).status_code == client.get("/api/users/99999999/").status_code == 404


def test_user_create_refuses_a_weak_password_with_the_field_named(home: Any, api_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    response = api_client(admin).post(
        "/api/users/", {"username": "weak", "agency": home.pk, "password": "12345"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "password" in error["fields"]


def test_unit_parent_must_be_in_the_same_agency(home: Any, partner: Any, api_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    foreign_parent = UnitFactory(agency=partner)
    response = api_client(admin).post(
        "/api/units/", {"agency": home.pk, "name": "X", "parent": foreign_parent.pk}, format="json"
    )
    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]


def test_agency_directory_is_read_by_all_and_changed_only_by_the_node_admin(
    home: Any, partner: Any, api_client: Any
) -> None:
    officer = UserFactory(agency=partner, roles=[DESK_OFFICER])
    client = api_client(officer)
    codes = [row["code"] for row in client.get("/api/agencies/").json()["results"]]
    assert {"VN-MPS", "KR-KNPA"} <= set(codes)
    assert client.patch(f"/api/agencies/{home.pk}/", {"short_name": "X"}, format="json").status_code == 403
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    assert (
        api_client(admin).patch(f"/api/agencies/{partner.pk}/", {"short_name": "KNPA Korea"}, format="json").status_code
        == 200
    )
    from tests.helpers import assert_audited

    assert_audited("agency.update", obj=partner, actor=admin, channel="api")


def test_json_errors_say_what_is_wrong(home: Any, api_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    response = api_client(admin).post("/api/units/", {"name": ""}, format="json")
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["message"] and {"agency", "name"} <= set(body["fields"])
    assert body["request_id"]


def test_anonymous_api_is_refused_with_401(db: Any, client: Any) -> None:
    response = client.get("/api/units/")
    assert response.status_code in (401, 403)
    assert "error" in response.json()


def test_openapi_schema_lists_every_router_endpoint(home: Any, api_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    response = api_client(admin).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for expected in [
        "/api/agencies/",
        "/api/units/{id}/",
        "/api/users/",
        "/api/roles/",
        "/api/api-tokens/",
        "/api/api-tokens/{id}/revoke/",
        "/api/audit/",
        "/api/me/",
    ]:
        assert expected in paths, expected
    docs = api_client(admin).get("/api/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower() and b"//cdn" not in docs.content
