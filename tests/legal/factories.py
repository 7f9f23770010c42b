"""factory_boy factories of legal requests (test set-up only)."""

from __future__ import annotations

import factory

from liaison.legal.choices import Direction, RefusalGround, RequestKind, RequestStatus, RequestSubkind, TreatyBasis
from liaison.legal.models import CentralAuthority, LegalDocument, LegalOffence, LegalRequest, RequestEvent, TreatyTerms
from tests.cooperation.factories import AgreementFactory
from tests.factories import AgencyFactory
from tests.people.factories import PersonFactory

ALL_GROUNDS = [
    RefusalGround.OWN_NATIONALS,
    RefusalGround.POLITICAL,
    RefusalGround.DEATH_PENALTY,
    RefusalGround.DUAL_CRIMINALITY,
    RefusalGround.TRANSFER_CONDITIONS,
]


class TreatyTermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatyTerms

    owner = factory.SubFactory(AgencyFactory)
    partner = factory.SubFactory(AgencyFactory)
    basis = TreatyBasis.BILATERAL
    agreement = factory.SubFactory(AgreementFactory, owner=factory.SelfAttribute("..owner"))
    title = factory.Sequence(lambda n: f"Treaty {n}")
    kinds = factory.LazyFunction(lambda: list(RequestKind.values))
    languages = factory.LazyFunction(lambda: ["vi", "ko", "en"])
    formal_request_days = 60
    acknowledge_days = 14
    answer_days = 90
    refusal_grounds = factory.LazyFunction(lambda: list(ALL_GROUNDS))
    mandatory_grounds = factory.LazyFunction(
        lambda: [RefusalGround.OWN_NATIONALS, RefusalGround.POLITICAL, RefusalGround.DEATH_PENALTY]
    )
    transfer_min_remaining_days = 365


class LegalRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalRequest

    owner = factory.SubFactory(AgencyFactory)
    reference = factory.Sequence(lambda n: f"LR-TEST-{n:05d}")
    direction = Direction.OUTGOING
    kind = RequestKind.MLA
    subkind = RequestSubkind.TAKING_EVIDENCE
    partner = factory.SubFactory(AgencyFactory)
    treaty = factory.SubFactory(
        TreatyTermsFactory, owner=factory.SelfAttribute("..owner"), partner=factory.SelfAttribute("..partner")
    )
    status = RequestStatus.DRAFTING
    person = factory.SubFactory(PersonFactory, owner=factory.SelfAttribute("..owner"))


class LegalOffenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalOffence

    request = factory.SubFactory(LegalRequestFactory)
    description = "Fraud"
    law = "Criminal Code"
    article = "174"
    partner_law = "Criminal Act"
    partner_article = "347"


class RequestEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestEvent

    request = factory.SubFactory(LegalRequestFactory)
    kind = "note"


class CentralAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentralAuthority

    terms = factory.SubFactory(TreatyTermsFactory)
    kind = RequestKind.EXTRADITION
    side = "ours"
    name = "Supreme People's Procuracy"


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalDocument

    request = factory.SubFactory(LegalRequestFactory)
    kind = "statement_of_facts"
    language = "vi"
    title = "Statement of facts"
    file = factory.django.FileField(filename="facts.pdf", data=b"%PDF-1.4 demo")
    original_name = "facts.pdf"
    content_type = "application/pdf"
    size = 13
    sha256 = "0" * 64
