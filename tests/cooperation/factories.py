"""factory_boy factories of the cooperation registry (test set-up only)."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from liaison.cooperation.choices import AgreementKind, CapacityProjectKind, EngagementKind, Side, TrainingTopic
from liaison.cooperation.models import (
    ActionItem,
    ActionItemUpdate,
    Agreement,
    AgreementDocument,
    AgreementLink,
    AgreementParty,
    AgreementTitle,
    CapacityProject,
    Engagement,
    EngagementParticipant,
    Outcome,
    Programme,
    TrainingCourse,
)
from tests.factories import AgencyFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    owner = factory.SubFactory(AgencyFactory)
    kind = AgreementKind.MOU
    title_en = factory.Sequence(lambda n: f"Memorandum of understanding {n}")

    @factory.post_generation
    def with_parties(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Two parties by default: the owner and a government."""
        if create and extracted is not False:
            AgreementParty.objects.create(agreement=self, agency=self.owner)
            AgreementParty.objects.create(agreement=self, government_country="KR")


class AgreementTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementTitle

    agreement = factory.SubFactory(AgreementFactory)
    language = "vi"
    title = "Bản ghi nhớ"


class AgreementDocumentFactory(factory.django.DjangoModelFactory):
    """A document row whose file is never written (enough for access and list tests)."""

    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    file = "cooperation/agreements/none.pdf"
    original_name = factory.Sequence(lambda n: f"text-{n}.pdf")
    size = 3
    sha256 = "0" * 64
    language = "vi"


class AgreementLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementLink

    from_agreement = factory.SubFactory(AgreementFactory)
    to_agreement = factory.SubFactory(AgreementFactory, owner=factory.SelfAttribute("..from_agreement.owner"))
    kind = "implements"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    owner = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Coordinated action programme {n}")
    start_year = 2025
    end_year = 2027


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    owner = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Action item {n}")


class ActionItemUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItemUpdate

    action_item = factory.SubFactory(ActionItemFactory)
    date = datetime.date(2025, 1, 1)
    text = "Progress"


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    owner = factory.SubFactory(AgencyFactory)
    kind = EngagementKind.CONFERENCE
    title = factory.Sequence(lambda n: f"Police cooperation conference {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementParticipant

    engagement = factory.SubFactory(EngagementFactory)
    name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    side = Side.HOME


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    engagement = factory.SubFactory(EngagementFactory)
    text = factory.Sequence(lambda n: f"Exchange information on telecom fraud rings ({n})")


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    owner = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    topic = TrainingTopic.HI_TECH_CRIME


class CapacityProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapacityProject

    owner = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Capacity project {n}")
    kind = CapacityProjectKind.PROJECT
