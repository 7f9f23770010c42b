"""factory_boy factories of the people register (test set-up only). Other apps' tests import them.

    PersonFactory(owner=agency)                                  # one generated Latin name, primary
    PersonFactory(owner=agency, names=["Nguyễn Văn An", "NGUYEN VAN AN"], birth_date="1985-03-07")
    PersonFactory(owner=agency, names=[{"full_name": "김민준", "language": "ko"},
                                       {"full_name": "KIM MIN JUN", "kind": "passport"}],
                  documents=["M12345678"], nationalities=["KR"])

`names`: strings or dicts of PersonName fields; the first is primary unless one says `is_primary`; the script
is guessed when not given; `display_name` follows the primary name, as the actions keep it. `documents`:
numbers or dicts of IdentityDocument fields (a passport by default). The rows are written directly (no audit
record, no actor needed); the person search index notices them like any other change. `share_with(person,
agency)` shares a person with an agency as `do_share_person` would.
"""

from __future__ import annotations

import io
from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType

from liaison.core.models import Share
from liaison.people.choices import NameKind, Sex
from liaison.people.models import (
    Address,
    Contact,
    IdentityDocument,
    Person,
    PersonName,
    Photo,
    document_number_normal,
    guess_script,
)
from tests.factories import AgencyFactory, UserFactory

_SYLLABLES = ["ba", "ke", "mi", "lo", "su", "ta", "ri", "no", "ve", "zu", "da", "pe", "go", "hi", "ru", "sa", "to"]


def generated_name(n: int) -> str:
    """A unique made-up two-part name (unlikely to match any realistic test name)."""

    def word(k: int) -> str:
        parts = []
        for _ in range(3):
            parts.append(_SYLLABLES[k % len(_SYLLABLES)])
            k //= len(_SYLLABLES)
        return "".join(parts).capitalize()

    return f"{word(n + 1000)} {word(n * 7 + 4913)}"


def _name_rows(person: Person, names: list[Any]) -> list[PersonName]:
    rows = []
    for entry in names:
        data = {"full_name": entry} if isinstance(entry, str) else dict(entry)
        data.setdefault("kind", NameKind.NATIVE)
        data.setdefault("script", guess_script(data["full_name"]))
        rows.append(PersonName(person=person, **data))
    if rows and not any(row.is_primary for row in rows):
        rows[0].is_primary = True
    return rows


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    owner = factory.SubFactory(AgencyFactory)
    sex = Sex.MALE
    birth_date = ""
    nationalities: Any = factory.LazyFunction(list)

    @factory.post_generation
    def names(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        wanted = list(extracted) if extracted else [generated_name(self.pk)]
        rows = PersonName.objects.bulk_create(_name_rows(self, wanted))
        primary = next(row for row in rows if row.is_primary)
        self.display_name = primary.full_name
        Person.objects.filter(pk=self.pk).update(display_name=primary.full_name)

    @factory.post_generation
    def documents(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        for entry in extracted:
            data = {"number": entry} if isinstance(entry, str) else dict(entry)
            data.setdefault("kind", "passport")
            IdentityDocument.objects.create(person=self, number_normal=document_number_normal(data["number"]), **data)


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    full_name = factory.Sequence(lambda n: generated_name(n + 50_000))
    script = "Latn"
    kind = NameKind.ALIAS


class IdentityDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityDocument

    person = factory.SubFactory(PersonFactory)
    kind = "passport"
    number = factory.Sequence(lambda n: f"C{n:08d}")
    number_normal = factory.LazyAttribute(lambda d: document_number_normal(d.number))
    issuing_country = "VN"


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    person = factory.SubFactory(PersonFactory)
    address = factory.Sequence(lambda n: f"{n} Lê Lợi")
    city = "Hà Nội"
    country = "VN"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    person = factory.SubFactory(PersonFactory)
    kind = "phone"
    value = factory.Sequence(lambda n: f"+84 90 {n:07d}")


def png_bytes(size: tuple[int, int] = (4, 3), colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo row; its file is written only with `with_file=True` (set MEDIA_ROOT to a temporary folder)."""

    class Meta:
        model = Photo
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    image = "people/photos/none.png"
    content_type = "image/png"
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    size = 0
    caption = factory.Sequence(lambda n: f"Photo {n}")
    added_by = factory.LazyAttribute(lambda p: UserFactory(agency=p.person.owner))

    @factory.post_generation
    def with_file(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            from django.core.files.base import ContentFile

            content = png_bytes(colour=(self.pk % 255, 90, 90))
            self.image.save(f"photo-{self.pk}.png", ContentFile(content), save=False)
            self.size = len(content)
            Photo.objects.filter(pk=self.pk).update(image=self.image.name, size=self.size)


def share_with(person: Person, agency: Any, handling_code: str = "H0", by: Any = None, note: str = "") -> Share:
    """Share the person with `agency` (what do_share_person writes, without the audit record)."""
    share, _created = Share.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        agency=agency,
        defaults={
            "handling_code": handling_code,
            "handling_note": note,
            "shared_by": by or UserFactory(agency=person.owner),
        },
    )
    return share
