"""Validate a FollowTheMoney export (JSON lines) with the `followthemoney` library itself.

    .venv-bench/bin/python tests/desk/ftm_validate.py FILE.jsonl

Runs in the benchmark environment (.venv-bench), where followthemoney is installed; the product does not
depend on it (docs/decisions/0012-ftm-validation.md). No Django. For every line:

- it is a JSON object with an id, a schema and properties (an object of lists of strings);
- the id is a valid FtM entity id and appears once in the file;
- the schema exists in followthemoney's model and is not abstract;
- every property exists in that schema, is not a stub (reverse) property, and every value validates for the
  property's type (dates, countries, languages, genders, topics, URLs, identifiers, numbers …), cleans to
  itself (no silent normalisation), and fits the type's maximum length;
- every required property of the schema is present;
- every entity reference points to an entity of the file whose schema is the property's range (or a
  descendant of it);
- `model.get_proxy(data, cleaned=False)` (FtM's own re-validation of untrusted input) keeps every value.

Prints one line per problem and a summary; exit status 0 when the file is valid, 1 when not, 2 on usage errors.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def validate(path: str) -> tuple[int, dict[str, int], list[str]]:
    from followthemoney import model
    from followthemoney.types import registry

    problems: list[str] = []
    schemas: dict[str, str] = {}
    references: list[tuple[int, str, str, Any]] = []  # line, from id, target id, expected schema
    counts: dict[str, int] = {}
    entities = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error.msg})")
                continue
            if not isinstance(data, dict) or not {"id", "schema", "properties"} <= data.keys():
                problems.append(f"{where}: not an entity (id, schema, properties)")
                continue
            entities += 1
            ident, schema_name, properties = data["id"], data["schema"], data["properties"]
            where = f"line {number} ({ident})"
            if not isinstance(ident, str) or not registry.entity.validate(ident):
                problems.append(f"{where}: invalid entity id {ident!r}")
            elif ident in schemas:
                problems.append(f"{where}: id used twice")
            schema = model.get(schema_name) if isinstance(schema_name, str) else None
            if schema is None:
                problems.append(f"{where}: unknown schema {schema_name!r}")
                continue
            if schema.abstract:
                problems.append(f"{where}: abstract schema {schema_name}")
            schemas[ident] = schema.name
            counts[schema.name] = counts.get(schema.name, 0) + 1
            if not isinstance(properties, dict):
                problems.append(f"{where}: properties is not an object")
                continue
            for name, values in properties.items():
                prop = schema.get(name)
                if prop is None:
                    problems.append(f"{where}: {schema.name} has no property {name!r}")
                    continue
                if prop.stub:
                    problems.append(f"{where}: {name} is a reverse (stub) property")
                if not isinstance(values, list) or not values:
                    problems.append(f"{where}: {name} is not a non-empty list of values")
                    continue
                for value in values:
                    if not isinstance(value, str):
                        problems.append(f"{where}: {name} value {value!r} is not text")
                        continue
                    if not prop.type.validate(value):
                        problems.append(f"{where}: {name} value {value!r} is not a valid {prop.type.name}")
                        continue
                    cleaned = prop.type.clean(value)
                    if cleaned != value:
                        problems.append(f"{where}: {name} value {value!r} cleans to {cleaned!r}")
                    if len(value) > prop.type.max_length:
                        problems.append(f"{where}: {name} value longer than {prop.type.max_length}")
                    if prop.type == registry.entity:
                        references.append((number, ident, value, prop.range))
            missing = sorted(set(schema.required) - set(properties))
            if missing:
                problems.append(f"{where}: required properties missing: {', '.join(missing)}")
            proxy = model.get_proxy(data, cleaned=False)
            for name, values in properties.items():
                if schema.get(name) is None or not isinstance(values, list):
                    continue
                kept = proxy.get(name, quiet=True)
                lost = [v for v in values if isinstance(v, str) and v not in kept]
                if lost:
                    problems.append(f"{where}: followthemoney drops {name} values {lost!r}")
    for number, source, target, expected in references:
        found = schemas.get(target)
        if found is None:
            problems.append(f"line {number} ({source}): refers to {target}, which is not in the file")
        elif expected is not None and not model.get(found).is_a(expected):
            problems.append(f"line {number} ({source}): {target} is a {found}, not a {expected.name}")
    if entities == 0:
        problems.append("the file holds no entity")
    return entities, counts, problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: ftm_validate.py FILE.jsonl", file=sys.stderr)
        return 2
    entities, counts, problems = validate(argv[0])
    for problem in problems:
        print(problem)
    summary = ", ".join(f"{count} {schema}" for schema, count in sorted(counts.items()))
    verdict = "valid" if not problems else f"{len(problems)} problems"
    print(f"{entities} entities ({summary}): {verdict}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
