"""The published JSON Schema of ``<id>.json``, as a validator that asserts formats.

jsonschema treats ``format`` as an annotation unless given a format checker, and its
checker silently passes ``date-time`` and ``uri`` when their validators are missing: the
test extra installs them, and :func:`tests.test_json_schema` checks that they are there.

The validator reads the schema with its ``$defs`` written in place of each ``$ref``
(:func:`inlined`): jsonschema looks every ``$ref`` up again for each value it meets (67,000
lookups for a five-year calendar), a third of its time. The rules are the same ones, and
so are the errors (path, keyword, message); the published schema, ``$ref`` and all, finds
the same problems (test_json_schema.py, test_the_inlined_schema_finds_what_the_published_one_finds).
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator

from vaxical.render.jsondoc import schema_bytes

SCHEMA: dict[str, Any] = json.loads(schema_bytes())
DEFS = "#/$defs/"


def inlined(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/<name>"}`` replaced by that definition, itself
    inlined. Beside other keywords (a description), the definition goes under ``allOf``:
    in draft 2020-12 a ``$ref`` applies its schema alongside its siblings, as ``allOf``
    does. Any other reference is refused rather than left unchecked."""
    if isinstance(node, list):
        return [inlined(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {key: inlined(value, defs) for key, value in node.items() if key != "$ref"}
    if "$ref" not in node:
        return rest
    reference = node["$ref"]
    if not reference.startswith(DEFS) or reference[len(DEFS) :] not in defs:
        raise ValueError(f"$ref {reference!r} is not one of the schema's $defs")
    target = inlined(defs[reference[len(DEFS) :]], defs)
    return {**rest, "allOf": [*rest.get("allOf", ()), target]} if rest else target


INLINED: dict[str, Any] = {
    key: inlined(value, SCHEMA["$defs"]) for key, value in SCHEMA.items() if key != "$defs"
}
VALIDATOR = Draft202012Validator(INLINED, format_checker=Draft202012Validator.FORMAT_CHECKER)
PUBLISHED = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
"""The published schema as it stands, to check :data:`VALIDATOR` against."""


def problems(
    document: object, validator: Draft202012Validator = VALIDATOR
) -> list[tuple[str, str]]:
    """Where ``document`` breaks the schema: each error's JSON path and keyword, sorted."""
    return sorted(
        ("/".join(str(part) for part in error.absolute_path), str(error.validator))
        for error in validator.iter_errors(document)
    )


def messages(document: object, validator: Draft202012Validator = VALIDATOR) -> list[str]:
    """The validator's messages for ``document``, sorted."""
    return sorted(error.message for error in validator.iter_errors(document))
