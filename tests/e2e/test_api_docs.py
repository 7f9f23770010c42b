"""The API documentation page (Swagger UI) keeps the application's Content Security Policy — no inline style or
script, nothing the browser refuses — and leads back to the application (issue 20, item 15)."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core.permissions import DESK_OFFICER
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LISTEN_FOR_VIOLATIONS = """() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation',
        e => window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
}"""


def test_the_api_docs_keep_the_csp_and_lead_back(page: Any, live_server: Any) -> None:
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    UserFactory(username="officer.e2e", agency=home, roles=[DESK_OFFICER])
    sign_in(page, live_server.url, "officer.e2e")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(f"({LISTEN_FOR_VIOLATIONS})()")
    response = page.goto(live_server.url + "/api/docs/")
    policy = response.headers["content-security-policy"]
    assert "style-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.wait_for_selector(".swagger-ui .info", timeout=15000)
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)  # the operations, read from the schema
    assert page.evaluate("window.cspViolations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
    back = page.locator("a.back-to-app")
    assert back.is_visible()
    back.click()
    page.wait_for_selector("h1:has-text('Dashboard')")
