"""Walks the whole URL configuration, so a new page or API endpoint is covered without being listed here.

For every URL:
- it is either a declared non-record view (sign-in, dashboard, schema …) or it serves a model that has an
  access policy (core/access.py) and a "private record" factory below — a new model without one fails;
- anonymous callers are sent to sign-in (pages) or refused (API), except the declared public views;
- for every URL that names a record, another agency's record answers exactly like a missing record (404),
  for reads and for every write method, and no write reaches the audit trail;
- for every list, another agency's records appear neither on the page, nor in the API, nor in the exports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.consular import models as consular
from liaison.cooperation import models as coop
from liaison.core import access
from liaison.core.models import AuditEvent, ReadEvent
from liaison.desk import models as desk
from liaison.exchange import models as exchange
from liaison.federation import models as federation
from liaison.legal import models as legal
from liaison.people import models as people
from liaison.screening import models as screening
from tests.conftest import ALL_AGENCY_ROLES
from tests.consular import factories as consular_factories
from tests.cooperation import factories as coop_factories
from tests.desk import factories as desk_factories
from tests.exchange import factories as exchange_factories
from tests.factories import UnitFactory, UserFactory, make_audit_event, make_read_event, make_token
from tests.federation import factories as federation_factories
from tests.legal import factories as legal_factories
from tests.people import factories as people_factories
from tests.screening import factories as screening_factories

MARK = "SECRETMARK"

# Views that show no stored record of an agency, with whether they are open without signing in.
NON_RECORD_VIEWS: dict[str, bool] = {
    "login": True,
    "logout": True,
    "set_language": True,
    "javascript-catalog": True,
    "second_factor": False,
    "dashboard": False,
    "account": False,
    "password_change": False,
    "sign_out_everywhere": False,
    "api-me": False,
    "api_schema": False,
    "api_docs": False,
    "api-root": False,
    # The personal iCalendar feed: no sign-in (calendar applications cannot sign in), protected by the secret
    # token in its URL; it shows what the token's user may see (tests/cooperation/test_partner_calendar_import.py).
    "calendar_feed": True,
    "calendar_feed_rotate": False,  # the signed-in user's own feed URL
    "calendar_feed_revoke": False,
    # Partner nodes post signed messages here without signing in; each is checked by its signature
    # (tests/federation/test_inbox.py).
    "federation_inbox": True,
}

# Directory models are read by every signed-in user by design; only their writes are checked.
DIRECTORY_MODELS: set[type[models.Model]] = {Agency, Role}

# How to make a private record of a given agency, carrying MARK where lists would show it.
PRIVATE_FACTORIES: dict[type[models.Model], Callable[[Agency], models.Model]] = {
    Unit: lambda agency: UnitFactory(agency=agency, name=f"{MARK} unit", name_en=f"{MARK} unit"),
    User: lambda agency: UserFactory(agency=agency, username=f"{MARK.lower()}-{agency.pk}", first_name=MARK),
    ApiToken: lambda agency: make_token(UserFactory(agency=agency), name=f"{MARK} token")[0],
    AuditEvent: lambda agency: make_audit_event(agency, repr_=f"{MARK} event"),
    ReadEvent: lambda agency: make_read_event(agency, repr_=f"{MARK} read"),
    Agency: lambda agency: agency,
    Role: lambda agency: Role.objects.get(code="analyst"),
    coop.Agreement: lambda agency: coop_factories.AgreementFactory(owner=agency, title_en=f"{MARK} agreement"),
    coop.AgreementDocument: lambda agency: coop_factories.AgreementDocumentFactory(
        agreement=coop_factories.AgreementFactory(owner=agency), original_name=f"{MARK}.pdf"
    ),
    coop.AgreementLink: lambda agency: coop_factories.AgreementLinkFactory(
        from_agreement=coop_factories.AgreementFactory(owner=agency), note=MARK
    ),
    coop.Programme: lambda agency: coop_factories.ProgrammeFactory(owner=agency, title=f"{MARK} programme"),
    coop.ActionItem: lambda agency: coop_factories.ActionItemFactory(owner=agency, title=f"{MARK} item"),
    coop.Engagement: lambda agency: coop_factories.EngagementFactory(owner=agency, title=f"{MARK} talks"),
    coop.EngagementParticipant: lambda agency: coop_factories.ParticipantFactory(
        engagement=coop_factories.EngagementFactory(owner=agency), name=MARK
    ),
    coop.Outcome: lambda agency: coop_factories.OutcomeFactory(
        engagement=coop_factories.EngagementFactory(owner=agency), text=MARK
    ),
    coop.TrainingCourse: lambda agency: coop_factories.TrainingCourseFactory(owner=agency, title=f"{MARK} course"),
    coop.CapacityProject: lambda agency: coop_factories.CapacityProjectFactory(owner=agency, title=MARK),
    desk.Notice: lambda agency: desk_factories.NoticeFactory(owner=agency, reference=f"{MARK}-notice"),
    desk.Offence: lambda agency: desk_factories.OffenceFactory(
        notice=desk_factories.NoticeFactory(owner=agency, offences=0), description=MARK
    ),
    desk.FugitiveCase: lambda agency: desk_factories.FugitiveCaseFactory(owner=agency, reference=f"FC-{MARK}"),
    desk.CaseEvent: lambda agency: desk_factories.CaseEventFactory(
        case=desk_factories.FugitiveCaseFactory(owner=agency), note=MARK
    ),
    desk.CaseDocument: lambda agency: desk_factories.CaseDocumentFactory(
        case=desk_factories.FugitiveCaseFactory(owner=agency), title=MARK
    ),
    # No free text to carry the mark: leaks of deadlines are caught by tests/desk/test_access.py.
    desk.PartnerDeadlines: lambda agency: desk_factories.PartnerDeadlinesFactory(owner=agency),
    legal.TreatyTerms: lambda agency: legal_factories.TreatyTermsFactory(owner=agency, title=f"{MARK} treaty"),
    legal.CentralAuthority: lambda agency: legal_factories.CentralAuthorityFactory(
        terms=legal_factories.TreatyTermsFactory(owner=agency), name=MARK
    ),
    legal.LegalRequest: lambda agency: legal_factories.LegalRequestFactory(owner=agency, reference=f"LR-{MARK}"),
    legal.LegalOffence: lambda agency: legal_factories.LegalOffenceFactory(
        request=legal_factories.LegalRequestFactory(owner=agency), description=MARK
    ),
    legal.LegalDocument: lambda agency: legal_factories.LegalDocumentFactory(
        request=legal_factories.LegalRequestFactory(owner=agency), title=MARK
    ),
    legal.RequestEvent: lambda agency: legal_factories.RequestEventFactory(
        request=legal_factories.LegalRequestFactory(owner=agency), note=MARK
    ),
    people.Person: lambda agency: people_factories.PersonFactory(owner=agency, names=[f"{MARK} Person"]),
    people.PersonName: lambda agency: people_factories.PersonNameFactory(
        person=people_factories.PersonFactory(owner=agency), full_name=f"{MARK} alias"
    ),
    people.IdentityDocument: lambda agency: people_factories.IdentityDocumentFactory(
        person=people_factories.PersonFactory(owner=agency), number=f"{MARK}1"
    ),
    people.Address: lambda agency: people_factories.AddressFactory(
        person=people_factories.PersonFactory(owner=agency), address=MARK
    ),
    people.Contact: lambda agency: people_factories.ContactFactory(
        person=people_factories.PersonFactory(owner=agency), value=MARK
    ),
    people.Photo: lambda agency: people_factories.PhotoFactory(
        person=people_factories.PersonFactory(owner=agency), caption=MARK
    ),
    exchange.Message: lambda agency: exchange_factories.MessageFactory(owner=agency, subject=MARK, status="draft"),
    exchange.Recipient: lambda agency: exchange_factories.RecipientFactory(
        message=exchange_factories.MessageFactory(owner=agency, subject=MARK, to=[])
    ),
    exchange.Translation: lambda agency: exchange_factories.TranslationFactory(
        message=exchange_factories.MessageFactory(owner=agency), body=MARK
    ),
    exchange.Attachment: lambda agency: exchange_factories.AttachmentFactory(
        message=exchange_factories.MessageFactory(owner=agency), original_name=f"{MARK}.txt"
    ),
    exchange.MessageLink: lambda agency: exchange_factories.MessageLinkFactory(
        message=exchange_factories.MessageFactory(owner=agency), label=MARK
    ),
    exchange.PermissionRequest: lambda agency: exchange_factories.PermissionRequestFactory(
        message=exchange_factories.MessageFactory(owner=agency), agency=agency, reason=MARK
    ),
    # No free text to carry the mark: the rules are the node administrator's (tests/exchange/test_pages.py).
    exchange.ExchangeRules: lambda agency: exchange_factories.ExchangeRulesFactory(owner=agency),
    consular.ConsularCase: lambda agency: consular_factories.case(
        agency, person=people_factories.PersonFactory(owner=agency, names=[f"{MARK} Person"]), charges=MARK
    ),
    consular.ConsularEvent: lambda agency: consular_factories.event(consular_factories.case(agency), note=MARK),
    consular.ImprisonmentRecord: lambda agency: consular_factories.imprisonment(consular_factories.case(agency), MARK),
    consular.Facility: lambda agency: consular_factories.facility(agency, name=f"{MARK} prison"),
    consular.NotificationRule: lambda agency: consular_factories.rule(agency, source=MARK),
    consular.ProtectionIncident: lambda agency: consular_factories.incident(agency, title=f"{MARK} incident"),
    # Node-wide records of the node administrator (no agency owns them): nobody else sees them.
    federation.LocalNode: lambda agency: federation_factories.local_node(agency, node_id=f"{MARK}-node"),
    federation.PartnerNode: lambda agency: federation_factories.partner_node(fingerprint=MARK),
    federation.Envelope: lambda agency: federation_factories.envelope(note=MARK),
    federation.InboxRefusal: lambda agency: federation_factories.refusal(detail=MARK),
    screening.ScreeningList: lambda agency: screening_factories.ScreeningListFactory(owner=agency, name=MARK),
    screening.ScreeningRun: lambda agency: screening_factories.ScreeningRunFactory(
        screening_list=screening_factories.ScreeningListFactory(owner=agency, name=MARK), error=MARK
    ),
    screening.Hit: lambda agency: screening_factories.HitFactory(
        run=screening_factories.ScreeningRunFactory(
            screening_list=screening_factories.ScreeningListFactory(owner=agency)
        ),
        row={"names": [MARK]},
    ),
}


def iter_urls(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """(route, name with its namespaces — what reverse() takes, e.g. "exchange:inbox", pattern)"""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_urls(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name, entry


def named_urls() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}
    for _route, name, pattern in iter_urls():
        if "format" in pattern.pattern.regex.groupindex:
            continue  # DRF's ".json" suffix twins of the same view
        found.setdefault(name, pattern)
    return found


def view_model(pattern: URLPattern) -> type[models.Model] | None:
    view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
    return getattr(view, "model", None) or getattr(view, "access_model", None)


def is_api(pattern: URLPattern) -> bool:
    return hasattr(pattern.callback, "cls")


ALL = named_urls()
RECORD_URLS = sorted(name for name in ALL if name not in NON_RECORD_VIEWS)


def test_every_url_is_declared_or_serves_a_model_with_an_access_policy() -> None:
    problems = []
    for name in RECORD_URLS:
        model = view_model(ALL[name])
        if model is None:
            problems.append(f"{name}: serves no model and is not in NON_RECORD_VIEWS")
            continue
        try:
            access.policy_for(model)
        except Exception as error:
            problems.append(f"{name}: {error}")
        if model not in PRIVATE_FACTORIES:
            problems.append(f"{name}: add a factory for {model.__name__} to PRIVATE_FACTORIES")
    assert not problems, "\n".join(problems)
    assert set(NON_RECORD_VIEWS) <= set(ALL), set(NON_RECORD_VIEWS) - set(ALL)


def _url(name: str, pk: Any = None) -> str:
    pattern = ALL[name]
    kwargs: dict[str, Any] = {}
    for key in pattern.pattern.regex.groupindex:
        kwargs[key] = pk if key == "pk" else "deactivate" if key == "operation" else None
    return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALL))
def test_anonymous_is_sent_to_sign_in_or_refused(name: str, client: Any) -> None:
    if NON_RECORD_VIEWS.get(name):
        return
    pk = 1 if "pk" in ALL[name].pattern.regex.groupindex else None
    response = client.get(_url(name, pk))
    if is_api(ALL[name]):
        assert response.status_code in (401, 403), (name, response.status_code)
    else:
        assert response.status_code in (302, 405), (name, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), (name, response["Location"])


WRITE_METHODS = ["post", "put", "patch", "delete"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in RECORD_URLS if "pk" in ALL[n].pattern.regex.groupindex])
def test_another_agencys_record_answers_like_a_missing_one(
    name: str, home: Agency, partner: Agency, page_client: Any, api_client: Any
) -> None:
    model = view_model(ALL[name])
    assert model is not None
    actor = UserFactory(agency=partner, roles=ALL_AGENCY_ROLES)
    client = api_client(actor) if is_api(ALL[name]) else page_client(actor)
    record = PRIVATE_FACTORIES[model](home)
    missing_pk = 987654321
    audit_before = AuditEvent.objects.count()
    methods = ["get", *WRITE_METHODS]
    for method in methods:
        foreign = getattr(client, method)(_url(name, record.pk))
        missing = getattr(client, method)(_url(name, missing_pk))
        if model in DIRECTORY_MODELS and method == "get":
            continue  # the directory is public to signed-in users
        assert foreign.status_code == missing.status_code, (name, method, foreign.status_code, missing.status_code)
        assert foreign.status_code in (403, 404, 405), (name, method, foreign.status_code)
    assert AuditEvent.objects.count() == audit_before, f"{name}: a refused request wrote to the audit trail"
    record.refresh_from_db()  # still there, unchanged in existence


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in RECORD_URLS if "pk" not in ALL[n].pattern.regex.groupindex])
def test_lists_and_exports_never_show_another_agencys_records(
    name: str, home: Agency, partner: Agency, page_client: Any, api_client: Any
) -> None:
    model = view_model(ALL[name])
    assert model is not None
    if model in DIRECTORY_MODELS:
        return
    PRIVATE_FACTORIES[model](home)
    actor = UserFactory(agency=partner, roles=ALL_AGENCY_ROLES)
    if is_api(ALL[name]):
        responses = [api_client(actor).get(_url(name))]
    else:
        client = page_client(actor)
        url = _url(name)
        responses = [client.get(url), client.get(url + "?export=csv"), client.get(url + "?export=xlsx")]
    for response in responses:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if body[:2] == b"PK":  # XLSX: look inside the zip
            import io
            import zipfile

            body = b"".join(
                zipfile.ZipFile(io.BytesIO(body)).read(n) for n in zipfile.ZipFile(io.BytesIO(body)).namelist()
            )
        assert MARK.encode() not in body and MARK.lower().encode() not in body, f"{name} leaks another agency's record"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n in ALL if not is_api(ALL[n])))
def test_every_page_opens_for_the_node_administrator(name: str, home: Agency, page_client: Any) -> None:
    """Each page renders for a user holding every permission (catches broken links and templates)."""
    from liaison.core.permissions import NODE_ADMIN, SUPERVISOR

    admin = UserFactory(agency=home, roles=[NODE_ADMIN, SUPERVISOR])
    pattern = ALL[name]
    if NON_RECORD_VIEWS.get(name) and "token" in pattern.pattern.regex.groupindex:
        return  # a public URL carrying a secret: without a valid one it is 404 by design (tested in cooperation)
    pk = None
    if "pk" in pattern.pattern.regex.groupindex:
        model = view_model(pattern)
        assert model is not None
        pk = PRIVATE_FACTORIES[model](home).pk
    response = page_client(admin).get(_url(name, pk))
    assert response.status_code in (200, 302, 405), (name, response.status_code)
