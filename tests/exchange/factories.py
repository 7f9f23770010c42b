"""Factories of the information exchange (test set-up only; rows written directly, as the actions leave them).

MessageFactory(owner=agency)                          # a sent H2 request to a new partner agency
MessageFactory(owner=agency, to=[partner], status="draft")
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from liaison.exchange.models import (
    Attachment,
    ExchangeRules,
    Message,
    MessageLink,
    PermissionRequest,
    Recipient,
    Translation,
)
from tests.factories import AgencyFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message
        skip_postgeneration_save = True

    owner = factory.SubFactory(AgencyFactory)
    reference = factory.Sequence(lambda n: f"MSG-T-2026-{n:05d}")
    kind = "request"
    status = "sent"
    subject = "Telecom fraud ring in Hanoi"
    body = "Information about a call centre."
    language = "en"
    crime_areas = factory.LazyFunction(lambda: ["telecom_fraud"])
    handling_code = "H2"
    tlp = "AMBER"
    source_reliability = "B"
    information_accuracy = "2"
    priority = "normal"
    sent_at = factory.LazyFunction(timezone.now)
    review_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=700))

    @factory.post_generation
    def to(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        for agency in extracted if extracted is not None else [AgencyFactory()]:
            Recipient.objects.create(message=self, agency=agency, delivered_at=self.sent_at)


class TranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Translation

    message = factory.SubFactory(MessageFactory)
    language = "vi"
    subject = "Đường dây lừa đảo"
    body = "Thông tin về một trung tâm cuộc gọi."
    translator = "Translator"
    translated_at = factory.LazyFunction(timezone.now)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    message = factory.SubFactory(MessageFactory)
    file = factory.django.FileField(filename="note.txt", data=b"hello")
    original_name = "note.txt"
    content_type = "text/plain"
    size = 5
    sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"


class MessageLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageLink

    message = factory.SubFactory(MessageFactory)
    target_type = "people.person"
    target_id = "1"
    label = "A person"


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    message = factory.SubFactory(MessageFactory, to=[])
    agency = factory.SubFactory(AgencyFactory)


class PermissionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PermissionRequest

    message = factory.SubFactory(MessageFactory)
    agency = factory.SubFactory(AgencyFactory)
    purpose = "court"
    reason = "For the trial."


class ExchangeRulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRules

    owner = factory.SubFactory(AgencyFactory)
