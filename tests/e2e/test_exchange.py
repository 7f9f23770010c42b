"""Issue 17's browser test: compose a message with an attachment and a linked person, send it, sign in as the
hosted recipient, read it (the read receipt), reply, and see the thread on both sides."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.permissions import DESK_OFFICER
from liaison.exchange.models import Message, Recipient
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_compose_send_read_reply_and_see_the_thread_on_both_sides(
    page: Any, browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    knpa = AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA", name_en="Korean National Police Agency")
    UserFactory(username="desk.vn", agency=home, roles=[DESK_OFFICER])
    UserFactory(username="desk.kr", agency=knpa, roles=[DESK_OFFICER])
    person = PersonFactory(owner=home, names=["Trần Văn Bình"])

    # 1. compose with an attachment and a linked person, then send
    sign_in(page, live_server.url, "desk.vn")
    page.goto(live_server.url + "/messages/new/")
    page.check(f"input[name=recipients][value='{knpa.pk}']")
    page.select_option("#id_kind", "request")
    page.fill("#id_subject", "Số điện thoại nghi vấn")
    page.fill("#id_body", "Đề nghị xác minh chủ thuê bao.")
    page.select_option("#id_language", "vi")
    page.check("input[name=crime_areas][value=telecom_fraud]")
    page.select_option("#id_handling_code", "H2")
    page.select_option("#id_persons", str(person.pk))
    page.set_input_files("#id_attachment", {"name": "numbers.txt", "mimeType": "text/plain", "buffer": b"+82 10"})
    page.click("main form button[type=submit]")
    expect(page.locator("#codes")).to_contain_text("H2 – no onward dissemination without permission")
    expect(page.locator("main")).to_contain_text("numbers.txt")
    expect(page.locator("main")).to_contain_text("Trần Văn Bình")
    page.click("main button:has-text('Send')")
    expect(page.locator(".messages .success")).to_contain_text("was sent")
    message = Message.objects.get()

    # 2. the hosted recipient reads it (read receipt), acknowledges and replies
    other = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    theirs = other.new_page()
    sign_in(theirs, live_server.url, "desk.kr")
    expect(theirs.locator("nav.sidebar .badge")).to_have_text("1")
    theirs.click("nav.sidebar a:has-text('Inbox')")
    theirs.click(f"main a:has-text('{message.reference}')")
    expect(theirs.locator("#codes")).to_contain_text("TLP:AMBER")
    assert Recipient.objects.get(message=message).read_by == "desk.kr"
    theirs.click("main button:has-text('Acknowledge receipt')")
    expect(theirs.locator(".messages .success")).to_contain_text("Receipt acknowledged")
    theirs.fill(".reply-form textarea", "Số này là SIM trả trước.")
    theirs.click(".reply-form button[type=submit]")
    expect(theirs.locator(".messages .success")).to_contain_text("was sent")
    reply = Message.objects.get(in_reply_to=message)
    expect(theirs.locator("table.thread")).to_contain_text(reply.reference)
    other.close()

    # 3. the sender sees the thread, the receipts and the reply
    page.goto(live_server.url + f"/messages/{message.pk}/")
    expect(page.locator("table.thread")).to_contain_text(reply.reference)
    expect(page.locator("table.receipts")).to_contain_text("desk.kr")
    page.click(f"table.thread a:has-text('{reply.reference}')")
    expect(page.locator("main")).to_contain_text("Số này là SIM trả trước.")
