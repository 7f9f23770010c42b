"""The messages in core.fulltext (docs/decisions/0039-full-text-search.md): what of a message is searchable, and
the source `liaison fulltext rebuild` reads.

A message's document is its reference, subject and text, the subject and text of each translation and the values
of its indicators (a telephone number, a wallet address: what an officer pastes into the search box). Crime areas
are not in it (the list has their filter). The actions that write any of these call `index_message` in their
transaction; a message whose content is deleted at its review (or a discarded draft) leaves the index. A recalled
message stays in it: its sender still reads it, and access (exchange/access.py) hides it from the recipients.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from liaison.core import fulltext
from liaison.exchange.choices import MessageStatus
from liaison.exchange.models import Indicator, Message, Translation

KIND = "exchange.message"


def _texts(message: Message, translations: Iterable[Translation], indicators: Iterable[Indicator]) -> list[str]:
    texts = [message.reference, message.subject, message.body]
    for translation in translations:
        texts += [translation.subject, translation.body]
    texts += [indicator.value for indicator in indicators]
    return texts


def message_texts(message: Message) -> list[str]:
    """The texts of the message's document, as stored now."""
    return _texts(message, message.translations.all(), message.indicators.all())


def index_message(message: Message) -> None:
    """Index the message again from what is stored (inside the caller's transaction); one without content leaves
    the index."""
    if message.status == MessageStatus.CONTENT_DELETED:
        fulltext.remove(KIND, message.pk)
    else:
        fulltext.index(KIND, message.pk, message_texts(message))


def unindex_message(message_id: int) -> None:
    fulltext.remove(KIND, message_id)


def documents() -> Iterator[tuple[int, list[str]]]:
    """Every message with content, for `liaison fulltext rebuild` (read in batches, translations and indicators
    prefetched)."""
    queryset = (
        Message.objects.exclude(status=MessageStatus.CONTENT_DELETED)
        .only("pk", "reference", "subject", "body", "status")
        .prefetch_related("translations", "indicators")
        .order_by("pk")
    )
    for message in queryset.iterator(chunk_size=1000):
        yield message.pk, _texts(message, message.translations.all(), message.indicators.all())
