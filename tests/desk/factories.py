"""factory_boy factories of the liaison desk (test set-up only). Other apps' tests import them.

    NoticeFactory(owner=agency)                          # an active wanted notice with one offence, full legal
                                                         # basis, about a new person of the same agency
    NoticeFactory(owner=agency, person=p, status="draft", offences=0)
    FugitiveCaseFactory(owner=agency, partner=other)    # an incoming case, received today, acknowledge in 7 days
    FugitiveCaseFactory(owner=agency, status="tracing", next_report_due=...)

Rows are written directly (no audit record, no actor needed), in the state the actions would leave them;
`review_due_on` follows `issued_on` / `last_reviewed_on` as Notice.clean computes it.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from liaison.core.choices import CrimeArea
from liaison.desk.choices import (
    CaseDirection,
    CaseDocumentKind,
    CaseEventKind,
    CaseStatus,
    LegalBasisKind,
    NoticeKind,
    NoticeStatus,
)
from liaison.desk.models import (
    RETENTION_YEARS,
    CaseDocument,
    CaseEvent,
    FugitiveCase,
    Notice,
    Offence,
    PartnerDeadlines,
    add_years,
)
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory


def _review_due(notice: Any) -> datetime.date:
    return add_years(notice.last_reviewed_on or notice.issued_on, RETENTION_YEARS)


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice
        skip_postgeneration_save = True

    owner = factory.SubFactory(AgencyFactory)
    person = factory.SubFactory(PersonFactory, owner=factory.SelfAttribute("..owner"))
    kind = NoticeKind.WANTED
    status = NoticeStatus.ACTIVE
    issuing_country = "VN"
    reference = factory.Sequence(lambda n: f"TN-{n:05d}")
    legal_basis_kind = LegalBasisKind.WARRANT
    legal_basis_authority = "Cơ quan Cảnh sát điều tra, Bộ Công an"
    legal_basis_date = datetime.date(2023, 5, 12)
    legal_basis_reference = factory.Sequence(lambda n: f"{n}/QĐ-CSĐT")
    issued_on = factory.LazyFunction(timezone.localdate)
    last_reviewed_on = None
    review_due_on = factory.LazyAttribute(_review_due)

    @factory.post_generation
    def offences(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """One offence by default (`offences=0` for none, `offences=[{…}, …]` for these)."""
        if not create:
            return
        if extracted is None:
            extracted = 1
        rows = extracted if isinstance(extracted, list) else [{} for _ in range(int(extracted))]
        for row in rows:
            OffenceFactory(notice=self, **row)


class OffenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offence

    notice = factory.SubFactory(NoticeFactory, offences=0)
    description = factory.Sequence(lambda n: f"Lừa đảo chiếm đoạt tài sản qua mạng viễn thông ({n})")
    crime_area = CrimeArea.TELECOM_FRAUD
    law = "Bộ luật Hình sự 2015, Điều 174"
    max_penalty = "Tù chung thân"
    country = "VN"


class PartnerDeadlinesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerDeadlines

    owner = factory.SubFactory(AgencyFactory)
    partner = factory.SubFactory(AgencyFactory)
    acknowledge_days = 5
    report_every_days = 14


def _acknowledge_by(case: Any) -> datetime.date | None:
    if case.direction != CaseDirection.INCOMING:
        return None
    return case.received_on + datetime.timedelta(days=7)


class FugitiveCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FugitiveCase
        skip_postgeneration_save = True

    owner = factory.SubFactory(AgencyFactory)
    reference = factory.Sequence(lambda n: f"FC-TEST-{n:05d}")
    person = factory.SubFactory(PersonFactory, owner=factory.SelfAttribute("..owner"))
    partner = factory.SubFactory(AgencyFactory)
    direction = CaseDirection.INCOMING
    status = CaseStatus.RECEIVED
    received_on = factory.LazyFunction(timezone.localdate)
    acknowledge_by = factory.LazyAttribute(_acknowledge_by)

    @factory.post_generation
    def opened(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """The opening entry of the timeline, as do_create_case writes it."""
        if create and extracted is not False:
            CaseEvent.objects.create(case=self, kind=CaseEventKind.OPENED, to_status=self.status)


class CaseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(FugitiveCaseFactory)
    kind = CaseEventKind.NOTE
    note = factory.Sequence(lambda n: f"Note {n}")


class CaseDocumentFactory(factory.django.DjangoModelFactory):
    """A document row whose file is never written (enough for access and list tests)."""

    class Meta:
        model = CaseDocument

    case = factory.SubFactory(FugitiveCaseFactory)
    kind = CaseDocumentKind.REQUEST
    title = factory.Sequence(lambda n: f"Request {n}")
    file = "desk/cases/none.pdf"
    original_name = factory.Sequence(lambda n: f"request-{n}.pdf")
    size = 3
    sha256 = "0" * 64
    added_by = factory.LazyAttribute(lambda d: UserFactory(agency=d.case.owner))
