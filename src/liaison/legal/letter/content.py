"""What a request letter says, in one language, as plain blocks that word.py (DOCX) and pdf.py (PDF) lay out alike.

`build_letter(request, language, signer=, signed_on=)` reads the request, its treaty terms and central authorities,
its person (every name on record, in its own script), its offences, facts, assurances, dossier (originals with their
certified translations; earlier request letters left out) and deadline. `Letter.digest` is the SHA-256 of everything
it says apart from its date and signature, so a sign-off can tell whether the letter changed since the last one.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.legal.choices import Direction, DocumentKind, RequestKind, RequestSubkind, Side
from liaison.legal.letter.texts import DOCUMENT_KINDS, IDENTITY_DOCUMENTS, LANGUAGE_NAMES, LANGUAGES, TEXTS, format_date

DJANGO_LANGUAGE = {"zh": "zh-hans"}
"""The interface language code of a letter language, for names of countries and agencies."""

HEADING, PARAGRAPH, FIELD, ITEM = "heading", "paragraph", "field", "item"


@dataclasses.dataclass(frozen=True)
class Block:
    kind: str  # HEADING, PARAGRAPH, FIELD (label: text) or ITEM (a numbered line)
    text: str
    label: str = ""


@dataclasses.dataclass
class Letter:
    language: str
    letterhead: list[str]
    references: list[tuple[str, str]]
    place_date: str
    addressee: list[str]
    title: str
    body: list[Block]
    signature: list[str]
    draft: bool
    draft_mark: str = ""

    @property
    def digest(self) -> str:
        """SHA-256 of what the letter says, apart from its date and signature block."""
        said = [self.language, self.letterhead, self.references, self.addressee, self.title,
                [dataclasses.astuple(block) for block in self.body]]  # fmt: skip
        return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()

    def text(self) -> str:
        """Everything the letter says, one line per line (fonts.check_coverage reads it)."""
        lines = [self.draft_mark, *self.letterhead, *(f"{label}: {value}" for label, value in self.references)]
        lines += [self.place_date, *self.addressee, self.title]
        lines += [f"{block.label}: {block.text}" if block.label else block.text for block in self.body]
        return "\n".join([*lines, *self.signature])


def default_language(request: Any) -> str:
    """The first language the treaty accepts that a letter can be written in; English otherwise."""
    for code in request.treaty.languages or []:
        code = str(code).lower().split("-")[0]
        if code in LANGUAGES:
            return code
    return "en"


def check_language(language: str) -> str:
    code = (language or "").strip().lower()
    code = {"zh-hans": "zh", "zh-cn": "zh"}.get(code, code)
    if code not in LANGUAGES:
        raise ValidationError(
            {"language": _("A request letter can be written in %(languages)s; not in “%(language)s”.")
             % {"languages": ", ".join(LANGUAGES), "language": language}}
        )  # fmt: skip
    return code


def _authority(request: Any, side: str, agency: Any, language: str) -> str:
    for authority in request.treaty.authorities.all():
        if authority.kind == request.kind and authority.side == side:
            return str(authority.name)
    return str(agency.name_for(DJANGO_LANGUAGE.get(language, language)))


def _treaty_title(request: Any, language: str) -> str:
    agreement = request.treaty.agreement
    if agreement is not None:
        for title in agreement.titles.all():
            if check_language_or_none(title.language) == language:
                return str(title.title)
    return str(request.treaty.title)


def check_language_or_none(code: str) -> str | None:
    try:
        return check_language(code)
    except ValidationError:
        return None


def _country(code: str, language: str) -> str:
    from django_countries import countries

    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return str(countries.name(code) or code)


def _person_blocks(person: Any, words: dict[str, str], language: str) -> list[Block]:
    if person is None:
        return [Block(PARAGRAPH, words["no_person"])]
    blocks = []
    names = list(person.names.all()) or []
    for name in sorted(names, key=lambda n: (n.kind != "native", not n.is_primary, n.pk)):
        label = words.get(f"name_{name.kind}", words["name_other"])
        blocks.append(Block(FIELD, str(name.full_name), label))
    if not names:
        blocks.append(Block(FIELD, str(person.display_name), words["name"]))
    if person.birth_date:
        blocks.append(Block(FIELD, format_date(person.birth_date, language), words["birth_date"]))
    if person.birth_place:
        blocks.append(Block(FIELD, str(person.birth_place), words["birth_place"]))
    if person.nationalities:
        countries = ", ".join(_country(code, language) for code in person.nationalities)
        blocks.append(Block(FIELD, countries, words["nationality"]))
    for document in person.documents.all():
        kind = IDENTITY_DOCUMENTS[language].get(document.kind, IDENTITY_DOCUMENTS[language]["other"])
        issued = f" ({_country(str(document.issuing_country), language)})" if document.issuing_country else ""
        blocks.append(Block(FIELD, f"{kind} {document.number}{issued}", words["identity_document"]))
    return blocks


def _penalty(offence: Any, language: str) -> str:
    """The offence's maximum penalty in the letter's language (the law's wording as entered, else the structured
    years, life imprisonment or death penalty in words)."""
    with translation.override(DJANGO_LANGUAGE.get(language, language)):
        return str(offence.penalty_text)


def _document_blocks(request: Any, words: dict[str, str], language: str) -> list[Block]:
    documents = [d for d in request.documents.all() if d.kind != DocumentKind.REQUEST_LETTER]
    names = LANGUAGE_NAMES[language]
    kinds = DOCUMENT_KINDS[language]
    blocks = []
    for original in (d for d in documents if d.translation_of_id is None):
        line = words["document_line"].format(
            title=original.title, kind=kinds.get(original.kind, original.kind),
            language=names.get(original.language, original.language),
        )  # fmt: skip
        for translation_ in (d for d in documents if d.translation_of_id == original.pk):
            line += "; " + words["translation_line"].format(
                language=names.get(translation_.language, translation_.language), translator=translation_.translator,
                date=format_date(translation_.translated_on, language) if translation_.translated_on else "",
            )  # fmt: skip
        blocks.append(Block(ITEM, line))
    return blocks or [Block(PARAGRAPH, words["no_documents"])]


def _title_key(request: Any) -> str:
    if request.kind == RequestKind.EXTRADITION:
        subkind = request.subkind if request.subkind == RequestSubkind.PROVISIONAL_ARREST else "formal_request"
        return f"title_extradition_{subkind}"
    return f"title_{request.kind}"


def build_letter(request: Any, language: str, *, signer: Any = None, signed_on: datetime.date | None = None) -> Letter:
    """The request letter of an outgoing request in `language` (see the module); a draft unless signed."""
    language = check_language(language)
    if request.direction != Direction.OUTGOING:
        raise ValidationError(_("Only an outgoing request has a request letter: this one came from the partner."))
    words = TEXTS[language]
    owner, partner = request.owner, request.partner
    our_authority = _authority(request, Side.OURS, owner, language)
    their_authority = _authority(request, Side.THEIRS, partner, language)
    our_country = _country(str(owner.country), language) if owner.country else our_authority
    if request.treaty.agreement_id:
        treaty = words["treaty_quoted"].format(title=_treaty_title(request, language))
    else:
        treaty = words["reciprocity"]
    title = words[_title_key(request)]
    fill = {"our_authority": our_authority, "their_authority": their_authority, "our_country": our_country,
            "treaty": treaty, "request_title_lower": title.lower()}  # fmt: skip
    body: list[Block] = []
    if words["salutation"]:
        body.append(Block(PARAGRAPH, words["salutation"].format(**fill)))
    body.append(Block(PARAGRAPH, words["intro"].format(**fill)))
    body.append(Block(HEADING, words["heading_person"]))
    persons = request.persons or [None]
    for number, person in enumerate(persons, start=1):
        if len(persons) > 1:
            body.append(Block(PARAGRAPH, words["person_number"].format(n=number)))
        body += _person_blocks(person, words, language)
    body.append(Block(HEADING, words["heading_offences"]))
    offences = list(request.offences.all())
    for offence in offences:
        body.append(Block(ITEM, words["offence_line"].format(
            description=offence.description, law=offence.law or "—", article=offence.article or "—",
            penalty=_penalty(offence, language) or "—",
        )))  # fmt: skip
    if not offences:
        body.append(Block(PARAGRAPH, words["no_offences"]))
    body.append(Block(HEADING, words["heading_facts"]))
    body += [Block(PARAGRAPH, part.strip()) for part in request.facts.split("\n\n") if part.strip()] or [
        Block(PARAGRAPH, words["no_facts"])
    ]
    body.append(Block(HEADING, words["heading_request"]))
    body.append(Block(PARAGRAPH, words[f"ask_{request.subkind}"].format(**fill)))
    body.append(Block(HEADING, words["heading_assurances"]))
    if request.death_penalty_assurance or any(offence.death_penalty for offence in offences):
        body.append(Block(PARAGRAPH, words["assurance_death_penalty"].format(**fill)))
    body.append(Block(PARAGRAPH, words["assurance_speciality"]))
    body.append(Block(HEADING, words["heading_documents"]))
    body += _document_blocks(request, words, language)
    body.append(Block(HEADING, words["heading_deadline"]))
    if request.answer_by:
        body.append(Block(PARAGRAPH, words["deadline_date"].format(date=format_date(request.answer_by, language))))
    else:
        body.append(Block(PARAGRAPH, words["deadline_days"].format(days=request.treaty.answer_days)))
    body.append(Block(PARAGRAPH, words["closing"].format(**fill)))
    references = [(words["our_reference"], request.reference)]
    if request.partner_reference:
        references.append((words["your_reference"], request.partner_reference))
    day = signed_on or timezone.localdate()
    signature = [words["signed_for"].format(**fill)]
    if signer is not None:
        signer_name = signer.get_full_name() or signer.get_username()
        signature += [signer_name, words["signatory_role"], words["signed_on"].format(date=format_date(day, language))]
    else:
        signature.append(words["unsigned"])
    place = _country(str(owner.country), language) if owner.country else ""
    return Letter(
        language=language,
        letterhead=list(dict.fromkeys([str(owner.name_for(DJANGO_LANGUAGE.get(language, language))), our_authority])),
        references=references,
        place_date=words["place_date"].format(place=place, date=format_date(day, language)).strip(", "),
        addressee=[f"{words['to']}: {their_authority}"]
        + [
            name for name in [str(partner.name_for(DJANGO_LANGUAGE.get(language, language)))] if name != their_authority
        ],
        title=title,
        body=body,
        signature=signature,
        draft=signer is None,
        draft_mark=words["draft"] if signer is None else "",
    )
