"""Small JPEG renderings of person photos for the pages (a derived cache, not a record: made on first request,
kept in storage next to the photos, removed with the photo)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile

from liaison.people.models import Photo

THUMBNAIL_SIZE = (320, 320)


def thumbnail_name(photo: Photo) -> str:
    return f"people/thumbnails/{photo.sha256}.jpg"


def thumbnail(photo: Photo) -> bytes:
    """The photo scaled to fit 320×320 pixels, as JPEG (made and stored on first use)."""
    from PIL import Image, ImageOps

    storage = photo.image.storage
    name = thumbnail_name(photo)
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            return bytes(handle.read())
    with photo.image.open("rb") as handle, Image.open(handle) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=85)
    content = buffer.getvalue()
    storage.save(name, ContentFile(content))
    return content


def delete_thumbnail(photo: Photo) -> None:
    storage = photo.image.storage
    name = thumbnail_name(photo)
    if storage.exists(name):
        storage.delete(name)
