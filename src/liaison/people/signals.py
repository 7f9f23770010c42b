"""Hooks of the people register that other apps fill, so that people imports none of them.

`person_merged`: sent by `people.actions.do_merge_persons` inside the merge transaction, after the person's own
records (names, documents, photos, addresses, contacts) moved and before every other record referring to the
duplicate is moved by its foreign key. Arguments: `sender` (Person), `survivor`, `duplicate`. A receiver moves
its app's records that need more than a change of person (identical records kept once: see
`people.actions.move_person_records`) and returns {name: (moved ids, removed ids)} for the merge's audit
record (or None); an exception it raises (a ValidationError saying why) aborts the merge.
"""

from __future__ import annotations

from django.dispatch import Signal

person_merged = Signal()
