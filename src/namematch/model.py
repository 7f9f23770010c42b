"""Plain, slotted types of the public API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ALGORITHM_NAME = "namematch-xs"
ALGORITHM_VERSION = "1.4"
ALGORITHM = f"{ALGORITHM_NAME}/{ALGORITHM_VERSION}"
DEFAULT_THRESHOLD = 0.70


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
    """One reason for (positive ``delta``) or against (negative ``delta``) a match."""

    feature: str
    delta: float
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "delta": round(self.delta, 4), "text": self.text}

    def __reduce__(self) -> tuple[Any, ...]:  # compact and fast to unpickle (screening workers)
        return (Evidence, (self.feature, self.delta, self.text))

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

    def as_dict(self) -> dict[str, Any]:
        return {"algorithm": self.algorithm, "evidence": [e.as_dict() for e in self.items]}

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.items)


@dataclass(slots=True)
class Match:
    """Result of :func:`namematch.compare`."""

    score: float
    explanation: Explanation
    algorithm: str = ALGORITHM

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
