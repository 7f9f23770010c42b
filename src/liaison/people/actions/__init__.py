"""Every write to the people register (audited; see core/actions.py and docs/decisions/0010-desk-model.md), one
module per aggregate; `from liaison.people import actions; actions.do_x` reaches them all.

- persons.py: a person belongs to the actor's agency (`owner` set here); its names are written with it:
  exactly one is primary, and `display_name` follows the primary name. Removing one recorded by mistake.
- children.py: names, identity documents, addresses and contacts, each written by its own actions, checking
  that the actor's agency owns the person; audited with the child as the object. A change of a name or
  document also touches the person's `updated_at`, so the person search index (people/search.py) sees it;
  checking for possible duplicates before a create is the caller's (`people.search.possible_duplicates`).
- photos.py: photos are checked to really be JPEG, PNG or WebP images (Pillow), at most 10 MB, and stored
  under MEDIA_ROOT with their SHA-256.
- sharing.py: sharing a person with a partner agency gives that agency read access under a handling code
  (core/sharing.py); notices shared with a partner share their subject the same way.
- merge.py: merging moves everything that refers to the duplicate to the survivor and leaves the duplicate
  as a tombstone (`merged_into`); one audit record says what moved. Other apps move their own records from a
  receiver of `people.signals.person_merged`.
"""

from liaison.people.actions.children import (
    do_add_address,
    do_add_contact,
    do_add_document,
    do_add_name,
    do_remove_address,
    do_remove_contact,
    do_remove_document,
    do_remove_name,
    do_update_address,
    do_update_contact,
    do_update_document,
    do_update_name,
)
from liaison.people.actions.common import person_state, require_person_owner
from liaison.people.actions.merge import FILLED_FIELDS, UNION_FIELDS, do_merge_persons, move_person_records
from liaison.people.actions.persons import PERSON_PROTECTED, do_create_person, do_delete_person, do_update_person
from liaison.people.actions.photos import (
    PHOTO_FIELDS,
    PHOTO_FORMATS,
    PHOTO_MAX_BYTES,
    do_add_photo,
    do_remove_photo,
    do_update_photo,
)
from liaison.people.actions.sharing import do_share_person, do_unshare_person, shares_of

__all__ = [
    "FILLED_FIELDS",
    "PERSON_PROTECTED",
    "PHOTO_FIELDS",
    "PHOTO_FORMATS",
    "PHOTO_MAX_BYTES",
    "UNION_FIELDS",
    "do_add_address",
    "do_add_contact",
    "do_add_document",
    "do_add_name",
    "do_add_photo",
    "do_create_person",
    "do_delete_person",
    "do_merge_persons",
    "do_remove_address",
    "do_remove_contact",
    "do_remove_document",
    "do_remove_name",
    "do_remove_photo",
    "do_share_person",
    "do_unshare_person",
    "do_update_address",
    "do_update_contact",
    "do_update_document",
    "do_update_name",
    "do_update_person",
    "do_update_photo",
    "move_person_records",
    "person_state",
    "require_person_owner",
    "shares_of",
]
