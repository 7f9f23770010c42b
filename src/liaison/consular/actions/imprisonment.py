"""The imprisonment record of a case (audited): court, judgment, final or not, sentence, expected release."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.consular.actions.cases import _changes, _locked
from liaison.consular.models import ConsularCase, ImprisonmentRecord
from liaison.core import audit
from liaison.core.validators import SENTENCE_DAYS, sentence_end

RECORD_FIELDS = (
    "court", "judgment_date", "judgment_final", "offence", "sentence_days", "life_sentence", "sentence_start",
    "expected_release",
)  # fmt: skip


def _check(record: ImprisonmentRecord) -> None:
    today = timezone.localdate()
    if record.judgment_date and record.judgment_date > today:
        raise ValidationError({"judgment_date": _("The date cannot be in the future.")})
    if record.life_sentence and record.sentence_days:
        raise ValidationError({"sentence_days": _("A life sentence has no length in days.")})
    if not record.life_sentence and not record.sentence_days:
        raise ValidationError({"sentence_days": _("Give the length of the sentence in days, or tick life sentence.")})
    if record.expected_release and record.sentence_start and record.expected_release < record.sentence_start:
        raise ValidationError({"expected_release": _("The release is before the start of the sentence.")})


def _check_length(data: Mapping[str, Any]) -> None:
    days = data.get("sentence_days")
    if isinstance(days, int):
        try:
            for validator in SENTENCE_DAYS:
                validator(days)
        except ValidationError as error:
            raise ValidationError({"sentence_days": error.messages}) from None


def do_set_imprisonment(case: ConsularCase, data: Mapping[str, Any], *, actor: Any) -> ImprisonmentRecord:
    """Record or change the judgment and sentence of the case's person. Without an expected release, it is the
    start of the sentence plus its length."""
    for name in data:
        if name not in RECORD_FIELDS:
            raise ValidationError({name: _("This field cannot be set here.")})
    _check_length(data)
    with transaction.atomic():
        stored = _locked(case, actor)
        record = ImprisonmentRecord.objects.select_for_update().filter(case=stored).first()
        before = audit.snapshot(record) if record is not None else {}
        record = record or ImprisonmentRecord(case=stored)
        for name, value in data.items():
            setattr(record, name, value)
        recompute = "expected_release" not in data and ("sentence_days" in data or "sentence_start" in data)
        if (recompute or record.expected_release is None) and record.sentence_days and record.sentence_start:
            record.expected_release = sentence_end(record.sentence_start, record.sentence_days)
        _check(record)
        record.full_clean()
        record.save()
        changed_before, changed_after = _changes(before, audit.snapshot(record))
        audit.record("consular_case.imprisonment", actor=actor, obj=stored, before=changed_before, after=changed_after)
    return record
