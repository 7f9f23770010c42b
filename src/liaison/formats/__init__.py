"""Date and time formats of each language (FORMAT_MODULE_PATH; docs/decisions/0025-dates-and-times.md).

One format per language, the same for long and short forms, read the same way by every officer: ISO 8601 dates
(2026-12-06) and 24-hour times in the node's time zone (2026-12-06 14:30). A language's module names only what it
changes; Django's own module for the language gives the rest (input formats, numbers).
"""

DATE = "Y-m-d"
DATETIME = "Y-m-d H:i"
TIME = "H:i"
