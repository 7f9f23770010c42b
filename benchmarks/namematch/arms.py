"""The compared matchers ("arms"), each behind the same tiny interface.

An arm is built from the reference list (``prepare``) and then answers one raw
query dict at a time (``query`` -> ranked ``[(ref_id, score), ...]``, best first,
at most ``TOP`` items). The conversion of the raw query into the arm's own
types is part of the timed query, for every arm.
"""

from __future__ import annotations

import re
from typing import Any

TOP = 10


class Arm:
    name = "arm"
    threshold = 0.0
    version = ""

    def prepare(self, refs: list[dict]) -> None:
        raise NotImplementedError

    def query(self, q: dict) -> list[tuple[str, float]]:
        raise NotImplementedError


def _top(scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
    scored.sort(key=lambda t: -t[1])
    return [t for t in scored[:TOP] if t[1] > 0.0]


# ---------------------------------------------------------------------------
def _import_namematch() -> Any:
    import nmimport

    return nmimport.load()


def nm_record(nm: Any, d: dict) -> Any:
    """A namematch Record of a generated row (wanted person or arrival)."""
    return nm.Record(
        id=d["id"],
        names=list(d["names"]),
        birth_date=d.get("birth_date"),
        nationalities=list(d.get("nationalities") or []),
        sex=d.get("sex"),
    )


class NamematchIndex(Arm):
    """namematch.Index: the blocking index, as the screening code uses it. A whole list goes through
    ``namematch.parallel.screen_records`` in one process (``jobs=1``), the path of ``namematch screen`` and of
    the desk's screening runs (nomenklatura's arm likewise screens a list through its index's batch call);
    a single query through ``Index.query``."""

    name = "namematch-index"
    dob_policy = "strict"

    def __init__(self) -> None:
        self.nm = _import_namematch()
        self.threshold = float(self.nm.DEFAULT_THRESHOLD)
        self.asked = 0.0  # full rankings: every candidate scored
        self.version = str(self.nm.ALGORITHM)

    def prepare(self, refs: list[dict]) -> None:
        self.index = self.nm.Index([nm_record(self.nm, r) for r in refs])

    def _ranking(self, cands: list[Any]) -> list[tuple[str, float]]:
        for c in cands:
            if c.score >= self.threshold:
                str(c.explanation)  # an alert is written out with its explanation, as screening does
        return _top([(c.record_id, float(c.score)) for c in cands])

    def query(self, q: dict) -> list[tuple[str, float]]:
        return self._ranking(
            self.index.query(nm_record(self.nm, q), top=TOP, threshold=self.asked, dob_policy=self.dob_policy)
        )

    def query_batch(self, qs: list[dict]) -> dict[str, list[tuple[str, float]]]:
        from namematch.parallel import screen_records

        records = [nm_record(self.nm, q) for q in qs]
        found = screen_records(self.index, records, top=TOP, threshold=self.asked, jobs=1, dob_policy=self.dob_policy)
        return {qid: self._ranking(cands) for qid, cands in found}


class NamematchIndexUnreliable(NamematchIndex):
    """namematch.Index with the birth-date policy "dates of birth may be false" (``dob_policy="unreliable"``)."""

    name = "namematch-index-dob-unreliable"
    dob_policy = "unreliable"


class NamematchIndexScreening(NamematchIndex):
    """namematch.Index as `namematch screen` runs it: only hits at the default threshold are asked for, so a
    candidate whose other evidence (birth dates years apart) keeps it below is not name-scored."""

    name = "namematch-index-screening"

    def __init__(self) -> None:
        super().__init__()
        self.asked = self.threshold


class NamematchPairwise(Arm):
    """namematch.compare against every reference (no index)."""

    name = "namematch-pairwise"

    def __init__(self) -> None:
        self.nm = _import_namematch()
        self.threshold = float(self.nm.DEFAULT_THRESHOLD)
        self.version = str(self.nm.ALGORITHM)

    def prepare(self, refs: list[dict]) -> None:
        self.refs = [nm_record(self.nm, r) for r in refs]

    def query(self, q: dict) -> list[tuple[str, float]]:
        rec = nm_record(self.nm, q)
        compare = self.nm.compare
        return _top([(r.id, float(compare(rec, r).score)) for r in self.refs])


# ---------------------------------------------------------------------------
class NomenklaturaLogicV2(Arm):
    """nomenklatura's logic-v2 (OpenSanctions/yente default), pairwise over FtM Person entities.

    Threshold 0.70 = yente's default match threshold (SCORE_THRESHOLD)."""

    name = "nomenklatura-logic-v2"
    threshold = 0.70

    def __init__(self) -> None:
        from importlib.metadata import version

        from followthemoney import model
        from nomenklatura.matching import get_algorithm

        self.model = model
        algo = get_algorithm("logic-v2")
        assert algo is not None
        self.algo = algo
        self.config = algo.default_config()
        self.version = f"nomenklatura {version('nomenklatura')}"
        self._n = 0

    def _entity(self, d: dict, prefix: str) -> Any:
        e = self.model.make_entity("Person")
        # logic-v2 caches name analysis per entity id: every query entity gets a fresh id
        self._n += 1
        e.id = f"{prefix}-{d['id']}-{self._n}"
        for n in d["names"]:
            e.add("name", n)
        if d.get("birth_date"):
            e.add("birthDate", d["birth_date"])
        for c in d.get("nationalities") or []:
            e.add("nationality", c.lower())
        if d.get("sex"):
            e.add("gender", "male" if d["sex"] == "M" else "female")
        return e

    def prepare(self, refs: list[dict]) -> None:
        self.refs = [(r["id"], self._entity(r, "ref")) for r in refs]
        # warm the per-entity name-analysis cache of the references (its "index build")
        warm = self._entity({"id": "warm", "names": ["Warm Up"]}, "warm")
        for _, e in self.refs:
            self.algo.compare(warm, e, self.config)

    def query(self, q: dict) -> list[tuple[str, float]]:
        e = self._entity(q, "q")
        cmp = self.algo.compare
        cfg = self.config
        return _top([(rid, float(cmp(e, r, cfg).score)) for rid, r in self.refs])


class NomenklaturaIndexLogicV2(Arm):
    """nomenklatura's own pipeline: its blocking index (``nomenklatura.blocker.Index``: DuckDB, token
    frequencies, top 75 candidates per entity) over the references, then logic-v2 on each query's candidates.
    The index matches a batch of entities at once (``match_entities``), as nomenklatura's cross-referencing
    does: ``query_batch`` screens all queries in one call, timed whole (index lookup and scoring)."""

    name = "nomenklatura-index-logic-v2"
    threshold = 0.70

    def __init__(self) -> None:
        from importlib.metadata import version

        from followthemoney import StatementEntity
        from followthemoney.dataset import Dataset
        from nomenklatura.matching import get_algorithm

        self.entity_cls = StatementEntity
        self.dataset = Dataset.make({"name": "bench", "title": "bench"})
        algo = get_algorithm("logic-v2")
        assert algo is not None
        self.algo = algo
        self.config = algo.default_config()
        self.version = f"nomenklatura {version('nomenklatura')} (blocking index + logic-v2)"
        self._n = 0

    def _entity(self, d: dict, prefix: str) -> Any:
        self._n += 1
        props: dict[str, list[str]] = {"name": list(d["names"])}
        if d.get("birth_date"):
            props["birthDate"] = [d["birth_date"]]
        if d.get("nationalities"):
            props["nationality"] = [c.lower() for c in d["nationalities"]]
        if d.get("sex"):
            props["gender"] = ["male" if d["sex"] == "M" else "female"]
        data = {"id": f"{prefix}-{self._n}-{d['id']}", "schema": "Person", "properties": props}
        return self.entity_cls(self.dataset, data)

    def prepare(self, refs: list[dict]) -> None:
        import tempfile
        from pathlib import Path

        from nomenklatura.blocker import Index

        ents = [self._entity(r, "ref") for r in refs]
        self.ref_id = {e.id: r["id"] for e, r in zip(ents, refs, strict=True)}
        self.by_id = {e.id: e for e in ents}

        class _View:
            def entities(self, include_schemata: Any = None) -> Any:
                return iter(ents)

        self.index = Index(_View(), Path(tempfile.mkdtemp(prefix="nk-index-")), {})  # type: ignore[arg-type]
        self.index.build()
        warm = self._entity({"id": "warm", "names": ["Warm Up"]}, "warm")
        for e in ents:  # logic-v2's per-entity name analysis, as the pairwise arm warms it
            self.algo.compare(warm, e, self.config)

    def query_batch(self, qs: list[dict]) -> dict[str, list[tuple[str, float]]]:
        # the garbage collector's settings of a namematch screening run, given to the peer's batch call too, so
        # that neither arm gains from them alone (nomenklatura's pipeline takes 6-10 % less time under them)
        from namematch.parallel import screening_gc

        with screening_gc():
            return self._query_batch(qs)

    def _query_batch(self, qs: list[dict]) -> dict[str, list[tuple[str, float]]]:
        ents = [self._entity(q, "q") for q in qs]
        by_q = {e.id: (e, q["id"]) for e, q in zip(ents, qs, strict=True)}
        out: dict[str, list[tuple[str, float]]] = {q["id"]: [] for q in qs}
        for ident, matches in self.index.match_entities(ents):
            if ident.id not in by_q:
                continue
            e, qid = by_q[ident.id]
            scored = []
            for mid, _score in matches:
                ref = self.by_id.get(mid.id)
                if ref is not None:
                    scored.append((self.ref_id[mid.id], float(self.algo.compare(e, ref, self.config).score)))
            out[qid] = _top(scored)
        return out

    def query(self, q: dict) -> list[tuple[str, float]]:
        return self.query_batch([q])[q["id"]]


# ---------------------------------------------------------------------------
_NONWORD = re.compile(r"[^0-9a-z]+")


def _fold(s: str) -> str:
    from anyascii import anyascii

    return _NONWORD.sub(" ", anyascii(s).lower()).strip()


class RapidfuzzBaseline(Arm):
    """anyascii transliteration + rapidfuzz token_sort_ratio, max over name pairs."""

    name = "rapidfuzz-baseline"
    threshold = 0.85

    def __init__(self) -> None:
        from importlib.metadata import version

        import numpy as np
        from rapidfuzz import fuzz, process

        self.np, self.fuzz, self.process = np, fuzz, process
        self.version = f"rapidfuzz {version('rapidfuzz')} + anyascii {version('anyascii')}"

    def prepare(self, refs: list[dict]) -> None:
        self.ids = [r["id"] for r in refs]
        self.choices: list[str] = []
        owner: list[int] = []
        for i, r in enumerate(refs):
            for n in r["names"]:
                self.choices.append(_fold(n))
                owner.append(i)
        self.owner = self.np.asarray(owner)

    def query(self, q: dict) -> list[tuple[str, float]]:
        np = self.np
        qs = [_fold(n) for n in q["names"]]
        m = self.process.cdist(qs, self.choices, scorer=self.fuzz.token_sort_ratio, workers=1)
        best_name = m.max(axis=0)
        per_ref = np.zeros(len(self.ids), dtype=np.float32)
        np.maximum.at(per_ref, self.owner, best_name)
        top = np.argsort(-per_ref, kind="stable")[:TOP]
        return _top([(self.ids[i], float(per_ref[i]) / 100.0) for i in top])


ARMS: dict[str, type[Arm]] = {
    a.name: a
    for a in (
        NamematchIndex,
        NamematchIndexUnreliable,
        NamematchIndexScreening,
        NamematchPairwise,
        NomenklaturaLogicV2,
        NomenklaturaIndexLogicV2,
        RapidfuzzBaseline,
    )
}
