"""The published JSON Schema of ``<id>.json``, as a validator that asserts formats.

jsonschema treats ``format`` as an annotation unless given a format checker, and its
checker silently passes ``date-time`` and ``uri`` when their validators are missing: the
test extra installs them, and :func:`tests.test_json_schema` checks that they are there.

Two validators of the same published schema: :data:`FAST` (jsonschema-rs, a hundred
times faster, which the tests validate with) and :data:`REFERENCE` (jsonschema, whose
messages the tests quote); test_json_schema.py's
test_jsonschema_rs_finds_what_jsonschema_finds holds them to the same errors.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

from vaxical.render.jsondoc import schema_bytes

SCHEMA: dict[str, Any] = json.loads(schema_bytes())
FAST = jsonschema_rs.Draft202012Validator(
    SCHEMA, validate_formats=True, ignore_unknown_formats=False
)
REFERENCE = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(document: object) -> list[tuple[str, str]]:
    """Where ``document`` breaks the schema, by jsonschema-rs: each error's JSON path and
    keyword, sorted."""
    return sorted(
        ("/".join(str(part) for part in error.instance_path), str(error.schema_path[-1]))
        for error in FAST.iter_errors(document)
    )


def reference_problems(document: object) -> list[tuple[str, str]]:
    """:func:`problems` by jsonschema."""
    return sorted(
        ("/".join(str(part) for part in error.absolute_path), str(error.validator))
        for error in REFERENCE.iter_errors(document)
    )


def messages(document: object) -> list[str]:
    """jsonschema's messages for ``document``, sorted."""
    return sorted(error.message for error in REFERENCE.iter_errors(document))
