"""Pages of the people register, one module per aggregate: persons, their child records, sharing, merging and the
person search. Every page derives from the core base views, so access applies centrally; every write goes through
people/actions/."""

from liaison.people.views.merging import PersonMerge
from liaison.people.views.persons import PersonCreate, PersonDelete, PersonDetail, PersonList, PersonUpdate
from liaison.people.views.records import (
    AddressAdd,
    AddressDelete,
    AddressEdit,
    ContactAdd,
    ContactDelete,
    ContactEdit,
    DocumentAdd,
    DocumentDelete,
    DocumentEdit,
    NameAdd,
    NameDelete,
    NameEdit,
    PhotoAdd,
    PhotoDelete,
    PhotoEdit,
    PhotoFile,
)
from liaison.people.views.search import PersonSearch
from liaison.people.views.sharing import PersonShare, PersonUnshare

__all__ = [
    "AddressAdd",
    "AddressDelete",
    "AddressEdit",
    "ContactAdd",
    "ContactDelete",
    "ContactEdit",
    "DocumentAdd",
    "DocumentDelete",
    "DocumentEdit",
    "NameAdd",
    "NameDelete",
    "NameEdit",
    "PersonCreate",
    "PersonDelete",
    "PersonDetail",
    "PersonList",
    "PersonMerge",
    "PersonSearch",
    "PersonShare",
    "PersonUnshare",
    "PersonUpdate",
    "PhotoAdd",
    "PhotoDelete",
    "PhotoEdit",
    "PhotoFile",
]
