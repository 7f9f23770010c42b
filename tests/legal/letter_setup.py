"""Set-up shared by the request-letter tests: an outgoing extradition request to Korea with a person named in four
scripts, an offence, facts, a dossier with a certified translation, and the treaty's titles in each language."""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path
from typing import Any

from liaison.agencies.models import Agency
from liaison.legal.models import LegalRequest, TreatyTerms
from tests.cooperation.factories import AgreementTitleFactory
from tests.legal.factories import (
    CentralAuthorityFactory,
    LegalDocumentFactory,
    LegalOffenceFactory,
    LegalRequestFactory,
)
from tests.people.factories import PersonFactory

NAMES = {
    "ko": "김민준",
    "zh": "金敏俊",
    "zh_traditional": "金敏傑",
    "ru": "Ким Мин Джун",
    "vi": "Kim Min Tuấn",
    "en": "KIM MINJUN",
}
TREATY_TITLES = {
    "vi": "Hiệp định về dẫn độ giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Đại Hàn Dân Quốc",
    "en": "Treaty on Extradition between the Socialist Republic of Viet Nam and the Republic of Korea",
    "ko": "대한민국과 베트남사회주의공화국 간의 범죄인인도조약",
    "zh": "越南社会主义共和国和大韩民国引渡条约",
    "ru": "Договор о выдаче между Социалистической Республикой Вьетнам и Республикой Корея",
}
PARTNER_REFERENCE = "KNPA-INT-2026-0457"
LETTER_LANGUAGES = ("vi", "en", "ko", "zh", "ru")


def letter_request(home: Agency, partner: Agency, treaty: TreatyTerms, **fields: Any) -> LegalRequest:
    Agency.objects.filter(pk=home.pk).update(
        name_native="Bộ Công an", name_en="Ministry of Public Security",
        name_translations={
            "ko": "베트남 공안부", "zh-hans": "越南公安部", "ru": "Министерство общественной безопасности"
        },
    )  # fmt: skip
    Agency.objects.filter(pk=partner.pk).update(name_native="경찰청", name_en="Korean National Police Agency")
    home.refresh_from_db()
    partner.refresh_from_db()
    for language, title in TREATY_TITLES.items():
        AgreementTitleFactory(agreement=treaty.agreement, language=language, title=title)
    CentralAuthorityFactory(terms=treaty, kind="extradition", side="ours", name="Viện kiểm sát nhân dân tối cao")
    CentralAuthorityFactory(terms=treaty, kind="extradition", side="theirs", name="법무부 (Ministry of Justice)")
    person = PersonFactory(
        owner=home,
        names=[
            {"full_name": NAMES["ko"], "language": "ko", "kind": "native"},
            {"full_name": NAMES["zh"], "language": "zh", "kind": "alias"},
            {"full_name": NAMES["zh_traditional"], "language": "zh", "kind": "alias"},
            {"full_name": NAMES["ru"], "language": "ru", "kind": "transcription"},
            {"full_name": NAMES["vi"], "language": "vi", "kind": "transcription"},
            {"full_name": NAMES["en"], "language": "en", "kind": "passport"},
        ],
        birth_date="1988-04-19",
        nationalities=["KR"],
        documents=["M12345678"],
    )
    defaults: dict[str, Any] = {
        "owner": home, "partner": partner, "treaty": treaty, "kind": "extradition", "subkind": "formal_request",
        "person": person, "partner_reference": PARTNER_REFERENCE, "status": "approved",
        "facts": "Từ tháng 3 đến tháng 9 năm 2025, đối tượng đã chiếm đoạt 12 tỷ đồng qua các cuộc gọi lừa đảo.",
        "death_penalty_assurance": True,
    }  # fmt: skip
    defaults.update(fields)
    request = LegalRequestFactory(**defaults)
    LegalOffenceFactory(request=request, description="Lừa đảo chiếm đoạt tài sản", law="Bộ luật Hình sự 2015",
                        article="Điều 174", max_penalty="tù chung thân")  # fmt: skip
    original = LegalDocumentFactory(request=request, kind="warrant_or_judgment", language="vi",
                                    title="Quyết định truy nã số 15/QĐ")  # fmt: skip
    LegalDocumentFactory(request=request, kind="warrant_or_judgment", language="ko", title="수배 결정 번역본",
                         translation_of=original, translator="Lê Thị Hoa", translated_on=datetime.date(2026, 11, 2),
                         certification="Phòng Tư pháp Hà Nội")  # fmt: skip
    return request  # type: ignore[no-any-return]


def pdf_text(pdf: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def docx_text(content: bytes) -> str:
    import docx

    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


def save_png(name: str, image: Any) -> None:
    """Keep a rendered page for a person to look at when LETTER_PNG_DIR names a folder."""
    folder = os.environ.get("LETTER_PNG_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(Path(folder) / name)


def says(text: str, needle: str) -> bool:
    """`needle` is in `text` however the lines were wrapped (whitespace ignored on both sides)."""
    return "".join(needle.split()) in "".join(text.split())
