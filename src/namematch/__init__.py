"""namematch: cross-script person-name matching (Vietnamese, Korean, Chinese, Russian and Latin)."""

from namematch.index import Index
from namematch.model import (
    ALGORITHM,
    ALGORITHM_NAME,
    ALGORITHM_VERSION,
    DEFAULT_THRESHOLD,
    Candidate,
    Evidence,
    Explanation,
    Match,
    Record,
)
from namematch.scoring import compare

__all__ = [
    "ALGORITHM",
    "ALGORITHM_NAME",
    "ALGORITHM_VERSION",
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Evidence",
    "Explanation",
    "Index",
    "Match",
    "Record",
    "compare",
]
