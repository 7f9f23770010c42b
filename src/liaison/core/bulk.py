"""Inserting several new rows of one model at once, as saving each would look to the rest of the code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models, router

M = TypeVar("M", bound=models.Model)


def insert_as_saved(model: type[M], objects: Sequence[M]) -> list[M]:
    """Insert `objects` (new, checked) in one statement — one `save()` for a single one — and send each the
    `post_save` a save would, so that receivers (the audit chain's listeners, federation's sender) see every row
    (docs/decisions/0055-federation-throughput-3.md). Inside the caller's transaction."""
    if len(objects) == 1:
        objects[0].save(force_insert=True)
        return list(objects)
    created = model._default_manager.bulk_create(objects)
    alias = router.db_for_write(model)
    for instance in created:
        models.signals.post_save.send(
            sender=model, instance=instance, created=True, update_fields=None, raw=False, using=alias
        )
    return created
