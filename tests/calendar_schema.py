"""The published JSON Schema of ``<id>.json``, as a validator that asserts formats.

jsonschema treats ``format`` as an annotation unless given a format checker, and its
checker silently passes ``date-time`` and ``uri`` when their validators are missing: the
test extra installs them, and :func:`tests.test_json_schema` checks that they are there.

Two validators of the same published schema: :data:`FAST` (jsonschema-rs, a hundred
times faster, which the tests validate with) and jsonschema's (:func:`reference`, whose
messages the tests quote); test_json_schema.py's
test_jsonschema_rs_finds_what_jsonschema_finds holds them to the same errors.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any, NamedTuple

import jsonschema_rs

from vaxical.render.jsondoc import schema_bytes

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA: dict[str, Any] = json.loads(schema_bytes())
FAST = jsonschema_rs.Draft202012Validator(
    SCHEMA, validate_formats=True, ignore_unknown_formats=False
)


@functools.cache
def _reference() -> Draft202012Validator:
    """jsonschema's validator, made at the first question: importing jsonschema and its
    format checkers costs 0.1 s, which the modules that validate with jsonschema-rs alone
    (test_ledger, test_retire) need not pay."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(document: object) -> list[tuple[str, str]]:
    """Where ``document`` breaks the schema, by jsonschema-rs: each error's JSON path and
    keyword, sorted."""
    return sorted(
        ("/".join(str(part) for part in error.instance_path), str(error.schema_path[-1]))
        for error in FAST.iter_errors(document)
    )


class Reference(NamedTuple):
    """What jsonschema finds in a document, from one validation (40 ms for the seed's)."""

    problems: list[tuple[str, str]]
    """As :func:`problems`: each error's JSON path and keyword, sorted."""
    messages: list[str]
    """Each error's message, sorted."""


def reference(document: object) -> Reference:
    """What jsonschema finds in ``document``."""
    errors = list(_reference().iter_errors(document))
    return Reference(
        sorted(
            ("/".join(str(part) for part in error.absolute_path), str(error.validator))
            for error in errors
        ),
        sorted(error.message for error in errors),
    )


def reference_problems(document: object) -> list[tuple[str, str]]:
    """:func:`problems` by jsonschema."""
    return reference(document).problems


def messages(document: object) -> list[str]:
    """jsonschema's messages for ``document``, sorted."""
    return reference(document).messages
