"""factory_boy factories for test set-up (never for product code)."""

from __future__ import annotations

from typing import Any

import factory
from django.db import transaction

from liaison.agencies.choices import AgencyKind, UnitKind
from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core import audit
from liaison.core.models import AuditEvent, ReadEvent


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG-{n}")
    country = "KR"
    name_native = factory.Sequence(lambda n: f"기관 {n}")
    name_en = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    kind = AgencyKind.POLICE


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = UnitKind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("Correct-Horse-9-battery")

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            # get_or_create: transactional (browser) tests flush the roles the data migration made.
            self.roles.set([Role.objects.get_or_create(code=code)[0] for code in extracted])


def make_token(user: User, name: str = "client", **kwargs: Any) -> tuple[ApiToken, str]:
    key = ApiToken.new_key()
    token = ApiToken(user=user, name=name, **kwargs)
    token.set_key(key)
    token.save()
    return token, key


def make_audit_event(agency: Agency, action: str = "test.event", repr_: str = "event") -> AuditEvent:
    with transaction.atomic():
        return audit.record(action, actor="test", agency=agency, object_repr=repr_)


def make_read_event(agency: Agency, repr_: str = "read", terms: str = "") -> ReadEvent:
    """A read of personal data by an officer of `agency`, as core.reads.record_read writes one."""
    return ReadEvent.objects.create(
        user=UserFactory(agency=agency),
        user_name="reader",
        agency=agency,
        kind=ReadEvent.SEARCH,
        object_type="people.person",
        object_repr=repr_,
        terms={"q": terms or repr_},
        terms_text=f"q={terms or repr_}",
        channel="ui",
    )
