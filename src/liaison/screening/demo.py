"""Demo screening list: a fictional arrivals list (demo_data/arrivals-demo.csv) for the MPS of Vietnam.

The 300 travellers are invented, and so are the eight planted rows that are variants of the demo's wanted
persons (people/demo.py): the passport spelling without the Vietnamese diacritics, a Vietnamese name in
Hangul, the Korean surname Bak for Park, an older Russian transliteration (BELOZYOROV ANDREY), a Chinese name
in traditional characters and one in Wade–Giles, a typing error, and a date of birth with day and month
swapped (demo_data/README.md lists them). The list is uploaded through the screening actions by the MPS's
demo officer, its columns mapped from the header; screening it is left to the officer (Screen, on the list's
page). Safe to run again: a list of the same name and content is not uploaded twice.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.files import File

from liaison.agencies.models import User
from liaison.people.demo import officer_username

ARRIVALS = Path(__file__).resolve().parent / "demo_data" / "arrivals-demo.csv"
LIST_NAME = "Arrivals, Nội Bài and Tân Sơn Nhất, 14 May 2025 (fictional demo list)"
HOME = "VN-MPS"


def load(actor: Any, write: Any) -> None:
    from liaison.agencies.demo import full_demo, home_code
    from liaison.screening import actions
    from liaison.screening.models import ListKind, ScreeningList

    if not full_demo():
        write(f"Screening demo list: the MPS of Vietnam's arrivals; not loaded on the node of {home_code()}.")
        return
    officer = User.objects.select_related("agency").filter(username=officer_username(HOME), is_active=True).first()
    if officer is None:
        write("Screening demo list skipped: the demo officer of VN-MPS (agencies/demo.py) is missing.")
        return
    content = ARRIVALS.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    if ScreeningList.objects.filter(owner=officer.agency, name=LIST_NAME, sha256=digest).exists():
        write("Screening demo list already loaded.")
        return
    with ARRIVALS.open("rb") as handle:
        screening_list = actions.do_upload_list(
            File(handle, name=ARRIVALS.name), name=LIST_NAME, kind=ListKind.ARRIVALS, actor=officer
        )
    write(f"Screening demo list: {screening_list.row_count} fictional arrivals added (screen it from its page).")
