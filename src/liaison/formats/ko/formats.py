"""Date and time formats (see liaison/formats/__init__.py and docs/decisions/0025-dates-and-times.md)."""

from liaison.formats import DATE, DATETIME, TIME

DATE_FORMAT = DATE
SHORT_DATE_FORMAT = DATE
DATETIME_FORMAT = DATETIME
SHORT_DATETIME_FORMAT = DATETIME
TIME_FORMAT = TIME
