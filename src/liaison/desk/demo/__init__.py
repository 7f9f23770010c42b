"""Demo notices and fugitive cases about the fictional persons of people/demo.py.

Every record is invented (its summary says so). The MPS of Vietnam issues notices about its own wanted and
missing nationals and shares them with the partner where the person is believed to be; the KNPA, the MVD and
the MPS of China issue notices about theirs and share them with the MPS of Vietnam, each under a handling
code. One notice is nearly due for its five-year review. The MPS's fugitive cases cover the desk's whole
course: a request received and overdue for acknowledgement, one just received, cases in tracing, located,
detained, extradited (its progress report overdue), handed over, closed and withdrawn, each with its timeline
dated in the past; the notice of a case handed over, closed or withdrawn is cancelled (by the handover itself
where the notice is the MPS's, by the partner's officer where it is the partner's).

A node run by another demo agency (LIAISON_HOME_AGENCY: KR-KNPA, RU-MVD, CN-MPS) loads that agency's own demo
instead (nodes.py): its notices and its requests to the MPS of Vietnam — the KNPA's in Korean — and no record of
another agency.

Dates are relative to the day the demo is loaded, so deadlines stay meaningful. Everything is written through
the desk actions by the demo officer of the agency concerned (the supervisor sets the partner deadlines).
Safe to run again: a notice (by agency and reference), a case (by partner reference) or a deadline already
recorded is left as it is.
"""

from liaison.desk.demo.data import CASES, DEADLINES, NOTICES
from liaison.desk.demo.load import load

__all__ = ["CASES", "DEADLINES", "NOTICES", "load"]
