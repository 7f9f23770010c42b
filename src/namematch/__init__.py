"""namematch: cross-script person-name matching (Vietnamese, Korean, Chinese, Russian and Latin)."""

from namematch import scoring as _scoring
from namematch.index import Index
from namematch.model import (
    ALGORITHM,
    ALGORITHM_NAME,
    ALGORITHM_VERSION,
    DEFAULT_THRESHOLD,
    DOB_POLICIES,
    DOB_STRICT,
    DOB_UNRELIABLE,
    Candidate,
    Evidence,
    Explanation,
    Match,
    Record,
)
from namematch.scoring import compare

# whether the query path runs compiled (an install built with NAMEMATCH_USE_MYPYC=1, see setup.py) or as
# plain Python; both give the same results
COMPILED = not str(_scoring.__file__).endswith(".py")

__all__ = [
    "ALGORITHM",
    "ALGORITHM_NAME",
    "ALGORITHM_VERSION",
    "COMPILED",
    "DEFAULT_THRESHOLD",
    "DOB_POLICIES",
    "DOB_STRICT",
    "DOB_UNRELIABLE",
    "Candidate",
    "Evidence",
    "Explanation",
    "Index",
    "Match",
    "Record",
    "compare",
]
