"""Validators shared by the domains.

A sentence is kept in days; its length is bounded so that its end (the start plus the length) is always a date
the database and Python can hold (docs/decisions/0054). 1,000 years is beyond any sentence that is served: a
court that pronounces a longer cumulative sentence is recorded at this bound, with the pronounced figure in the
text of the judgment.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _

MAX_SENTENCE_DAYS = 365_250  # 1,000 years

SENTENCE_DAYS = [MaxValueValidator(MAX_SENTENCE_DAYS)]


def sentence_end(start: datetime.date, days: int, *, field: str = "sentence_days") -> datetime.date:
    """The day a sentence of ``days`` counted from ``start`` ends, or a ValidationError on ``field`` where it
    would fall beyond the calendar (the last day Python and the database hold is 31 December 9999)."""
    try:
        return start + datetime.timedelta(days=days)
    except OverflowError:
        raise ValidationError(
            {field: _("The sentence ends after the year 9999: check its length and the day it is counted from.")}
        ) from None
