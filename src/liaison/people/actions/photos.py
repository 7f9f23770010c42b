"""Photographs of a person (audited): checked to really be JPEG, PNG or WebP images (Pillow), at most 10 MB,
and stored under MEDIA_ROOT with their SHA-256; a partner sees the releasable ones only (access.py)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.people.access import MANAGE_PERMISSION
from liaison.people.actions.children import delete_child, update_child
from liaison.people.actions.common import delete_files_on_commit, photo_files, require_person_owner, touch
from liaison.people.models import Person, Photo

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
PHOTO_FIELDS = ("caption", "taken_on", "releasable")


def _read_image(uploaded_file: Any) -> tuple[bytes, str, str]:
    """(bytes, content type, extension) of an uploaded JPEG, PNG or WebP image; a ValidationError saying
    what is wrong otherwise."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    name = os.path.basename(str(getattr(uploaded_file, "name", "") or _("the file")))
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise ValidationError(
            {
                "image": _("%(name)s is %(size)s MB; a photo may be at most 10 MB.")
                % {"name": name, "size": f"{size / 1024 / 1024:.1f}"}
            }
        )
    uploaded_file.seek(0)
    content = uploaded_file.read(PHOTO_MAX_BYTES + 1)
    if len(content) > PHOTO_MAX_BYTES:
        raise ValidationError({"image": _("%(name)s is larger than 10 MB, the limit for a photo.") % {"name": name}})
    if not content:
        raise ValidationError({"image": _("%(name)s is empty.") % {"name": name}})
    try:
        with Image.open(BytesIO(content)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            {
                "image": _("%(name)s is not an image, or it is damaged: upload a JPEG, PNG or WebP photo.")
                % {"name": name}
            }
        ) from None
    if kind not in PHOTO_FORMATS:
        raise ValidationError(
            {
                "image": _("%(name)s is a %(kind)s image; only JPEG, PNG or WebP photos are accepted.")
                % {"name": name, "kind": kind or "?"}
            }
        )
    content_type, extension = PHOTO_FORMATS[kind]
    return content, content_type, extension


def do_add_photo(
    person: Person,
    uploaded_file: Any,
    *,
    caption: str = "",
    taken_on: str = "",
    releasable: bool = False,
    actor: Any,
) -> Photo:
    """Store a photograph of the person (JPEG, PNG or WebP, at most 10 MB) with its SHA-256."""
    from django.core.files.base import ContentFile

    actions.require(actor, MANAGE_PERMISSION)
    require_person_owner(person, actor)
    if not uploaded_file:
        raise ValidationError({"image": _("Choose a photo to upload.")})
    content, content_type, extension = _read_image(uploaded_file)
    sha256, _size = actions.sha256_of(content)
    if person.photos.filter(sha256=sha256).exists():
        raise ValidationError({"image": _("This photo is already stored for this person.")})
    stem = os.path.splitext(os.path.basename(str(getattr(uploaded_file, "name", "") or "photo")))[0][:60] or "photo"
    photo = Photo(
        person=person,
        caption=caption.strip(),
        taken_on=(taken_on or "").strip(),
        releasable=bool(releasable),
        content_type=content_type,
        sha256=sha256,
        size=len(content),
        added_by=actor,
    )
    photo.full_clean(exclude=["image"])
    photo.image.save(f"{stem}{extension}", ContentFile(content), save=False)  # written before the transaction …
    try:
        with transaction.atomic():
            photo.save()
            touch(person.pk)
            audit.record("photo.create", actor=actor, obj=photo, after=audit.snapshot(photo))
    except BaseException:
        photo.image.storage.delete(photo.image.name)  # … and removed again if it does not commit
        raise
    return photo


def do_update_photo(photo: Photo, data: Mapping[str, Any], *, actor: Any) -> Photo:
    """Change a photo's caption, date taken or releasability (the image itself never changes)."""
    unknown = sorted(set(data) - set(PHOTO_FIELDS) - {"person"})
    if unknown:
        raise ValidationError({unknown[0]: _("Only the caption, the date taken and releasability can change.")})
    return update_child(photo, data, actor=actor, action="photo.update")


def do_remove_photo(photo: Photo, *, actor: Any) -> None:
    """Remove a photo; its file (and thumbnail) go once the removal is committed."""
    with transaction.atomic():
        delete_child(photo, actor=actor, action="photo.delete")
        delete_files_on_commit(photo_files(photo))
