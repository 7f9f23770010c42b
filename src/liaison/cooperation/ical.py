"""iCalendar (RFC 5545) text for the personal feed, written by hand (no icalendar package in the lock):
all-day VEVENTs, escaped TEXT values, CRLF line ends and lines folded at 75 octets."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from liaison.cooperation.queries import Event


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces (never inside a UTF-8 character), continued with a space."""
    pieces: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def calendar(events: Iterable[Event], *, name: str, host: str, now: datetime.datetime) -> str:
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Liaison//Cooperation calendar//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        end = (event.end_date or event.date) + datetime.timedelta(days=1)  # DTEND of an all-day event is exclusive
        record = event.record
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.kind}-{record._meta.label_lower}-{record.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(event.date)}",
            f"DTEND;VALUE=DATE:{_date(end)}",
            f"SUMMARY:{escape(f'{event.label}: {event.title}')}",
        ]
        place = getattr(record, "place", "")
        if place:
            lines.append(f"LOCATION:{escape(place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
