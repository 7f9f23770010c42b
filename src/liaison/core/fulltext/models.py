"""The full-text index's one table: a row per indexed document (`kind`, `object_id`).

The searchable part is the database's own (created by migration core 0006, on one database or the other):
- SQLite: the FTS5 table `core_fulltext_fts`, an external-content index of `body` (the document's tokens,
  space-separated), kept in step with this table by three triggers;
- PostgreSQL: the column `vector` (tsvector, written by core.fulltext with the tokens and their positions) under
  a GIN index; `body` stays empty there.
"""

from __future__ import annotations

from django.db import models


class FulltextEntry(models.Model):
    kind = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    body = models.TextField(blank=True, default="")

    class Meta:
        app_label = "core"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="core_fulltext_one_entry_per_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
