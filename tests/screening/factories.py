"""factory_boy factories of screening (test set-up only).

    ScreeningListFactory(owner=agency)                      # a stored row only (no file): lists, access tests
    ScreeningListFactory(owner=agency, content=b"...", original_name="arrivals.csv")   # with the file written
    ScreeningRunFactory(screening_list=lst)                 # a finished run of the list's agency
    HitFactory(run=run)                                     # a hit on a person of an active notice of that agency

`csv_bytes(rows, encoding)` writes a CSV list as an officer's spreadsheet would save it; `Desk(home, partner,
officer)` records the wanted persons the screening tests look for, and ARRIVALS is a list with planted variants.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from typing import Any

import factory
from django.core.files.base import ContentFile

import namematch
from liaison.screening.models import Hit, RunStatus, ScreeningList, ScreeningRun
from tests.desk.factories import NoticeFactory
from tests.factories import AgencyFactory, UserFactory


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258 as Windows writes it: base letters with their shape mark (â ă ê ô ơ ư) are
    single bytes, tone marks are combining characters after them."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        shape = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tone = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
        out.append(unicodedata.normalize("NFC", base + shape) + tone)
    return "".join(out).encode("cp1258")


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    if encoding == "cp1258":
        return cp1258(text.getvalue())
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ScreeningListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningList
        skip_postgeneration_save = True

    owner = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Arrivals {n}")
    original_name = factory.Sequence(lambda n: f"arrivals-{n}.csv")
    file = "screening/lists/none.csv"
    size = 10
    sha256 = "0" * 64
    encoding = "utf-8"
    columns = factory.LazyFunction(lambda: ["Họ và tên", "Ngày sinh"])
    row_count = 1
    mapping = factory.LazyFunction(lambda: {"name": ["Họ và tên"], "birth_date": "Ngày sinh"})
    uploaded_by = factory.LazyAttribute(lambda o: UserFactory(agency=o.owner))

    @factory.post_generation
    def content(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Write `content` (bytes) as the stored file, with its hash and size."""
        if not create or extracted is None:
            return
        self.file.save(self.original_name, ContentFile(extracted), save=False)
        self.size = len(extracted)
        self.sha256 = hashlib.sha256(extracted).hexdigest()
        ScreeningList.objects.filter(pk=self.pk).update(file=self.file.name, size=self.size, sha256=self.sha256)


class ScreeningRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningRun

    screening_list = factory.SubFactory(ScreeningListFactory)
    owner = factory.SelfAttribute("screening_list.owner")
    status = RunStatus.FINISHED
    threshold = namematch.DEFAULT_THRESHOLD
    algorithm = namematch.ALGORITHM
    requested_by = factory.SelfAttribute("screening_list.uploaded_by")
    rows_total = 1
    rows_done = 1
    hit_count = 1


class HitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hit

    run = factory.SubFactory(ScreeningRunFactory)
    row_number = factory.Sequence(lambda n: n + 2)
    row = factory.LazyFunction(lambda: {"names": ["NGUYEN VAN HUNG"], "birth_date": "07/03/1985"})
    fingerprint = factory.Sequence(lambda n: f"{n:064x}")
    notice = factory.SubFactory(NoticeFactory, owner=factory.SelfAttribute("..run.owner"))
    person = factory.SelfAttribute("notice.person")
    score = 0.91
    explanation = factory.LazyFunction(
        lambda: {"algorithm": namematch.ALGORITHM, "evidence": [{"feature": "name", "delta": 0.91, "text": "names"}]}
    )
    algorithm = namematch.ALGORITHM


class Desk:
    """The persons of the desk's notices the tests screen against (see the `desk` fixture)."""

    def __init__(self, home: Any, partner: Any, officer: Any) -> None:
        from django.contrib.contenttypes.models import ContentType

        from liaison.core.models import Share
        from liaison.desk.models import Notice
        from tests.desk.factories import NoticeFactory
        from tests.factories import AgencyFactory, UserFactory
        from tests.people.factories import PersonFactory, share_with

        self.home, self.partner, self.officer = home, partner, officer
        self.russia = AgencyFactory(code="RU-MVD", country="RU", short_name="MVD Russia")
        # our own wanted person, shared with the partner
        self.vn = PersonFactory(owner=home, names=["Nguyễn Văn Hùng"], birth_date="1985-03-07", nationalities=["VN"])
        self.vn_notice = NoticeFactory(owner=home, person=self.vn)
        # the partner's notice, shared with us (its subject too)
        self.kr = PersonFactory(
            owner=partner,
            names=[{"full_name": "KIM MIN JUN", "kind": "passport"}],
            birth_date="1990-11-02",
            nationalities=["KR"],
            documents=["M12345678"],
        )
        self.kr_notice = NoticeFactory(owner=partner, person=self.kr, issuing_agency=partner, issuing_country="KR")
        partner_user = UserFactory(agency=partner)
        Share.objects.create(
            content_type=ContentType.objects.get_for_model(Notice),
            object_id=str(self.kr_notice.pk),
            agency=home,
            handling_code="H0",
            shared_by=partner_user,
        )
        share_with(self.kr, home, by=partner_user)
        # a partner's notice recorded in our register (issued by the Russian ministry)
        self.ru = PersonFactory(owner=home, names=["IVANOV SERGEI PETROVICH"], birth_date="1979", nationalities=["RU"])
        self.ru_notice = NoticeFactory(
            owner=home, person=self.ru, source="partner", issuing_agency=self.russia, issuing_country="RU"
        )
        # our own notice shared with nobody
        self.cn = PersonFactory(owner=home, names=["ZHANG XIAOMING"], nationalities=["CN"])
        self.cn_notice = NoticeFactory(owner=home, person=self.cn)
        # not screened against: a draft notice, and the partner's notice not shared with us
        self.draft = PersonFactory(owner=home, names=["Lê Thị Mai"])
        NoticeFactory(owner=home, person=self.draft, status="draft")
        self.foreign = PersonFactory(owner=partner, names=["박지훈"])
        NoticeFactory(owner=partner, person=self.foreign)

    def share_vn_notice(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from liaison.core.models import Share
        from liaison.desk.models import Notice

        Share.objects.create(
            content_type=ContentType.objects.get_for_model(Notice),
            object_id=str(self.vn_notice.pk),
            agency=self.partner,
            handling_code="H1",
            shared_by=self.officer,
        )


ARRIVALS = [
    ["STT", "Họ và tên", "Ngày sinh", "Quốc tịch", "Giới tính", "Số hộ chiếu"],
    ["A1", "NGUYEN VAN HUNG", "31/02/1985", "VN", "Nam", "C1111111"],
    ["A2", "김민준", "1990-11-02", "대한민국", "남", "M12345678"],
    ["A3", "Иванов Сергей Петрович", "1979", "Россия", "М", ""],
    ["A4", "张晓明", "", "中国", "男", ""],
    ["A5", "LE THI MAI", "1992", "VN", "Nữ", ""],
    ["A6", "박지훈", "1988", "Atlantis", "남", ""],
    ["A7", "", "1990", "VN", "Nam", ""],
    ["A8", "SMITH JOHN", "1970", "GB", "Q", ""],
    ["A9", "TRAN THI HUONG", "1991", "VN", "Nữ", ""],
]
