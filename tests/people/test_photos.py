"""Photos: only real JPEG, PNG or WebP images up to 10 MB are stored (with their SHA-256); a partner with whom
the person is shared sees the releasable photos only, on the page, in the API and through the file itself."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST
from liaison.people import actions
from liaison.people.models import Photo
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory, PhotoFactory, png_bytes, share_with

pytestmark = pytest.mark.django_db


def _image(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (10, 120, 200)).save(buffer, format=kind)
    return buffer.getvalue()


def test_upload_through_the_page_stores_the_image_with_its_hash(
    home: Any, officer: Any, page_client: Any, media_root: Any
) -> None:
    person = PersonFactory(owner=home)
    content = _image("JPEG")
    response = page_client(officer).post(
        reverse("person_photo_add", kwargs={"pk": person.pk}),
        {"image": SimpleUploadedFile("face.jpg", content), "caption": "Passport photo", "taken_on": "2019-05"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert photo.sha256 == hashlib.sha256(content).hexdigest() and photo.size == len(content)
    assert photo.content_type == "image/jpeg" and not photo.releasable and photo.taken_on == "2019-05"
    assert (media_root / photo.image.name).read_bytes() == content
    assert_audited("photo.create", obj=photo, actor=officer, channel="ui")
    served = page_client(officer).get(reverse("person_photo_file", kwargs={"pk": photo.pk}))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == content
    thumb = page_client(officer).get(reverse("person_photo_file", kwargs={"pk": photo.pk}), {"size": "thumbnail"})
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg" and thumb.content[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.4 not an image", "report.pdf is not an image, or it is damaged"),
        ("anim.gif", _image("GIF"), "anim.gif is a GIF image; only JPEG, PNG or WebP photos are accepted."),
        ("cut.png", png_bytes()[:40], "cut.png is not an image, or it is damaged"),
    ],
)
def test_a_file_that_is_not_an_accepted_image_is_refused_with_a_clear_message(
    home: Any, officer: Any, page_client: Any, api_client: Any, name: str, content: bytes, message: str
) -> None:
    person = PersonFactory(owner=home)
    client = page_client(officer)
    before = AuditEvent.objects.count()
    page = client.post(
        reverse("person_photo_add", kwargs={"pk": person.pk}), {"image": SimpleUploadedFile(name, content)}
    )
    assert page.status_code == 200 and message in page.content.decode()
    api = api_client(officer).post(
        reverse("person-photo-list"),
        {"person": person.pk, "image": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert api.status_code == 400 and message in " ".join(api.json()["error"]["fields"]["image"])
    assert not Photo.objects.exists() and AuditEvent.objects.count() == before


def test_a_photo_over_ten_megabytes_is_refused(home: Any, officer: Any, settings: Any) -> None:
    from django.core.exceptions import ValidationError

    person = PersonFactory(owner=home)
    big = SimpleUploadedFile("big.png", png_bytes() + b"\0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        actions.do_add_photo(person, big, actor=officer)
    assert "a photo may be at most 10 MB" in str(error.value)


def test_the_same_photo_twice_is_refused(home: Any, officer: Any) -> None:
    from django.core.exceptions import ValidationError

    person = PersonFactory(owner=home)
    actions.do_add_photo(person, SimpleUploadedFile("a.webp", _image("WEBP")), actor=officer)
    with pytest.raises(ValidationError, match="already stored"):
        actions.do_add_photo(person, SimpleUploadedFile("b.webp", _image("WEBP")), actor=officer)
    assert Photo.objects.get().content_type == "image/webp"


def test_upload_through_the_api(home: Any, officer: Any, api_client: Any, make_user: Any) -> None:
    person = PersonFactory(owner=home)
    payload = {"person": person.pk, "image": SimpleUploadedFile("p.png", png_bytes()), "releasable": "true"}
    denied = api_client(make_user(ANALYST)).post(reverse("person-photo-list"), payload, format="multipart")
    assert denied.status_code == 403
    payload["image"] = SimpleUploadedFile("p.png", png_bytes())
    response = api_client(officer).post(reverse("person-photo-list"), payload, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["releasable"] is True and body["content_type"] == "image/png" and len(body["sha256"]) == 64
    assert_audited("photo.create", actor=officer, channel="api")
    download = api_client(officer).get(body["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == png_bytes()


def test_a_partner_sees_releasable_photos_only(
    home: Any, partner: Any, officer: Any, partner_officer: Any, page_client: Any, api_client: Any
) -> None:
    person = PersonFactory(owner=home)
    public = PhotoFactory(person=person, releasable=True, caption="releasable one", with_file=True)
    private = PhotoFactory(person=person, releasable=False, caption="internal one", with_file=True)
    share_with(person, partner, "H1")
    pages, api = page_client(partner_officer), api_client(partner_officer)
    body = pages.get(reverse("person_detail", kwargs={"pk": person.pk})).content.decode()
    assert "releasable one" in body and "internal one" not in body
    assert pages.get(reverse("person_photo_file", kwargs={"pk": public.pk})).status_code == 200
    assert pages.get(reverse("person_photo_file", kwargs={"pk": private.pk})).status_code == 404
    listed = api.get(reverse("person-photo-list"), {"person": person.pk}).json()["results"]
    assert [row["id"] for row in listed] == [public.pk]
    assert api.get(reverse("person-photo-download", kwargs={"pk": private.pk})).status_code == 404
    assert api.get(reverse("person-photo-download", kwargs={"pk": public.pk})).status_code == 200
    # the owner sees both; an agency the person is not shared with sees none
    owner_body = page_client(officer).get(reverse("person_detail", kwargs={"pk": person.pk})).content.decode()
    assert "releasable one" in owner_body and "internal one" in owner_body


def test_photo_metadata_changes_and_removal(
    home: Any, officer: Any, page_client: Any, media_root: Any, django_capture_on_commit_callbacks: Any
) -> None:
    photo = PhotoFactory(person=PersonFactory(owner=home), with_file=True)
    client = page_client(officer)
    response = client.post(
        reverse("person_photo_edit", kwargs={"pk": photo.pk}),
        {"caption": "Taken at Nội Bài airport", "taken_on": "2024", "releasable": "on"},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.releasable and photo.caption == "Taken at Nội Bài airport"
    assert_audited("photo.update", obj=photo, actor=officer, channel="ui")
    path = media_root / photo.image.name
    assert client.get(reverse("person_photo_file", kwargs={"pk": photo.pk}), {"size": "thumbnail"}).status_code == 200
    thumbnail = media_root / "people" / "thumbnails" / f"{photo.sha256}.jpg"
    assert path.exists() and thumbnail.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("person_photo_delete", kwargs={"pk": photo.pk})).status_code == 302
    assert not Photo.objects.exists() and not path.exists() and not thumbnail.exists()
    assert_audited("photo.delete", actor=officer, channel="ui")
