"""Plain, slotted types of the public API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ALGORITHM_NAME = "namematch-xs"
ALGORITHM_VERSION = "2.4"
ALGORITHM = f"{ALGORITHM_NAME}/{ALGORITHM_VERSION}"
# chosen on the development seeds of the realistic arrivals evaluation (benchmarks/namematch/realistic.py
# --dev): the lowest multiple of 0.05 that keeps namesakes alerted at most 5 % and unrelated travellers at
# most 1 % there even 0.05 lower (a margin for lists unlike them); lower thresholds find more misspelt
# names (docs/decisions/0021-namematch-2.md)
DEFAULT_THRESHOLD = 0.70
# how far birth dates are believed (see namematch.features): "strict" (the default) takes full dates that
# differ beyond a typo or a day/month swap as different persons; "unreliable" ("dates of birth may be
# false", for intelligence-led lists) keeps such hits, ranked lower
DOB_STRICT = "strict"
DOB_UNRELIABLE = "unreliable"
DOB_POLICIES = (DOB_STRICT, DOB_UNRELIABLE)

# a stable machine code's parameters (Evidence.params): names and plain values
Params = tuple[tuple[str, str | int | float], ...]


@dataclass(slots=True)
class Record:
    """One person as written on a list or in a query. ``names`` are all the ways the person's name is
    written (native script, passport spelling, aliases); ``birth_date`` is ``YYYY-MM-DD``, ``YYYY-MM``
    or ``YYYY`` (other common layouts are accepted); ``nationalities`` are ISO 3166 alpha-2 codes;
    ``sex`` is ``M``, ``F`` or ``None``; ``documents`` are identity-document numbers; ``mrz`` is a
    passport/ID machine-readable zone (2 or 3 lines, separated by newlines)."""

    id: str
    names: list[str]
    birth_date: str | None = None
    nationalities: list[str] = field(default_factory=list)
    sex: str | None = None
    documents: list[str] = field(default_factory=list)
    mrz: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:  # compact and fast to unpickle (screening workers)
        return (Record, (self.id, self.names, self.birth_date, self.nationalities, self.sex, self.documents, self.mrz))


@dataclass(slots=True, frozen=True)
class Evidence:
    """One reason for (positive ``delta``) or against (negative ``delta``) a match. ``text`` is English for
    engineers and logs; ``code`` is a stable machine code and ``params`` its parameters (e.g. ``"dob_apart"``
    with ``years=15``, ``"names_agree"`` with ``how="latin_of_vietnamese"``), for an application to say
    the same in its users' language (codes and parameters: docs/namematch.md, "Explanations")."""

    feature: str
    delta: float
    text: str
    code: str = ""
    params: Params = ()

    @property
    def args(self) -> dict[str, str | int | float]:
        """``params`` as a dict."""
        return dict(self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "delta": round(self.delta, 4),
            "text": self.text,
            "code": self.code,
            "params": dict(self.params),
        }

    def __reduce__(self) -> tuple[Any, ...]:  # compact and fast to unpickle (screening workers)
        return (Evidence, (self.feature, self.delta, self.text, self.code, self.params))

    def __str__(self) -> str:
        sign = "+" if self.delta >= 0 else "-"
        return f"{sign}{abs(self.delta):.2f} {self.feature}: {self.text}"


@dataclass(slots=True)
class Explanation:
    """Every piece of evidence behind a score, and the algorithm that produced it."""

    items: list[Evidence] = field(default_factory=list)
    algorithm: str = ALGORITHM

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> Evidence:
        return self.items[i]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Explanation, (self.items, self.algorithm))

    def append(self, ev: Evidence) -> None:
        self.items.append(ev)

    def features(self) -> list[str]:
        return [e.feature for e in self.items]

    def codes(self) -> list[str]:
        """The machine codes of the evidence, in order (see :class:`Evidence`)."""
        return [e.code for e in self.items]

    def summary(self) -> list[tuple[str, dict[str, str | int | float]]]:
        """What an officer needs to read: the name verdict and the other evidence that moved the score,
        as ``(code, params)`` pairs to translate (the per-part detail is left out)."""
        return [(e.code, dict(e.params)) for e in self.items if e.code and e.feature != "name part"]

    def as_dict(self) -> dict[str, Any]:
        return {"algorithm": self.algorithm, "evidence": [e.as_dict() for e in self.items]}

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.items)


class Match:
    """Result of :func:`namematch.compare`. Its explanation is worked out when first read (a caller that
    only wants the score does not pay for it); ``explain`` is the function that does."""

    __slots__ = ("_explain", "_explanation", "algorithm", "score")

    def __init__(
        self,
        score: float,
        explanation: Explanation | None = None,
        algorithm: str = ALGORITHM,
        explain: Callable[[], Explanation] | None = None,
    ) -> None:
        if explanation is None and explain is None:
            raise ValueError("a match needs its explanation or a function that gives it")
        self.score = score
        self.algorithm = algorithm
        self._explanation = explanation
        self._explain = explain

    @property
    def explanation(self) -> Explanation:
        if self._explanation is None:
            assert self._explain is not None
            self._explanation = self._explain()
            self._explain = None
        return self._explanation

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return (self.score, self.explanation, self.algorithm) == (other.score, other.explanation, other.algorithm)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Match(score={self.score!r}, algorithm={self.algorithm!r})"

    def as_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "algorithm": self.algorithm, "explanation": self.explanation.as_dict()}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Match, (self.score, self.explanation, self.algorithm))


class Candidate:
    """One hit of :meth:`namematch.Index.query`. Its explanation is worked out when first read (a
    caller that only ranks by score does not pay for it); ``explain`` is the function that does."""

    __slots__ = ("_explain", "_explanation", "algorithm", "record_id", "score")

    def __init__(
        self,
        record_id: str,
        score: float,
        explanation: Explanation | None = None,
        algorithm: str = ALGORITHM,
        explain: Callable[[], Explanation] | None = None,
    ) -> None:
        if explanation is None and explain is None:
            raise ValueError("a candidate needs its explanation or a function that gives it")
        self.record_id = record_id
        self.score = score
        self.algorithm = algorithm
        self._explanation = explanation
        self._explain = explain

    @property
    def explanation(self) -> Explanation:
        if self._explanation is None:
            assert self._explain is not None
            self._explanation = self._explain()
            self._explain = None
        return self._explanation

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Candidate):
            return NotImplemented
        return (self.record_id, self.score, self.algorithm, self.explanation) == (
            other.record_id,
            other.score,
            other.algorithm,
            other.explanation,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Candidate(record_id={self.record_id!r}, score={self.score!r}, algorithm={self.algorithm!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Candidate, (self.record_id, self.score, self.explanation, self.algorithm))

    def as_dict(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "score": round(self.score, 4),
            "algorithm": self.algorithm,
            "explanation": self.explanation.as_dict(),
        }
