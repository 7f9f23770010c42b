"""django-filter FilterSets of the people register, shared by the API and the list page."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.core import registry
from liaison.core.search import fold_q
from liaison.people.choices import AddressKind, ContactKind, DocumentType, NameKind, Script, Sex
from liaison.people.models import Address, Contact, IdentityDocument, Person, PersonName, Photo


class PersonFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name contains"), method="name_contains")
    nationality = django_filters.ChoiceFilter(label=_("Nationality"), choices=countries, method="with_nationality")
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Sex.choices)
    birth_year = django_filters.NumberFilter(label=_("Year of birth"), method="born_in")
    fictional = django_filters.BooleanFilter(label=_("Fictional"))

    class Meta:
        model = Person
        fields = ["name", "nationality", "sex", "birth_year", "fictional"]

    @classmethod
    def get_filters(cls) -> dict[str, Any]:
        # Other apps add filters here (the desk: has_active_notice), through core.registry.register_list_filter.
        return registry.with_list_filters("people.person", super().get_filters())

    def name_contains(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        # Diacritics and case ignored (core/search.py): "Dam Quang Thinh" finds "Đàm Quang Thịnh".
        names = PersonName.objects.filter(fold_q(["full_name"], value), person=OuterRef("pk"))
        return queryset.filter(Exists(names))

    def with_nationality(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        # The JSON list is matched as text ('"VN"'), which works the same on SQLite and PostgreSQL.
        return queryset.filter(nationalities__icontains=f'"{value}"')

    def born_in(self, queryset: QuerySet[Person], name: str, value: Any) -> QuerySet[Person]:
        return queryset.filter(birth_date__startswith=f"{int(value):04d}")


class PersonNameFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=NameKind.choices)
    script = django_filters.ChoiceFilter(label=_("Script"), choices=Script.choices)

    class Meta:
        model = PersonName
        fields = ["person", "kind", "script", "language", "is_primary"]


class IdentityDocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=DocumentType.choices)
    number = django_filters.CharFilter(label=_("Document number"), method="with_number")

    class Meta:
        model = IdentityDocument
        fields = ["person", "kind", "issuing_country", "number"]

    def with_number(self, queryset: QuerySet[IdentityDocument], name: str, value: str) -> QuerySet[IdentityDocument]:
        from liaison.people.models import document_number_normal

        return queryset.filter(number_normal=document_number_normal(value))


class AddressFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AddressKind.choices)

    class Meta:
        model = Address
        fields = ["person", "kind", "country"]


class ContactFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ContactKind.choices)

    class Meta:
        model = Contact
        fields = ["person", "kind"]


class PhotoFilter(django_filters.FilterSet):
    class Meta:
        model = Photo
        fields = ["person", "releasable"]
