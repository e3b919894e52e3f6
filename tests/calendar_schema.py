"""The published JSON Schema of ``<id>.json``, as a validator that asserts formats.

jsonschema treats ``format`` as an annotation unless given a format checker, and its
checker silently passes ``date-time`` and ``uri`` when their validators are missing: the
test extra installs them, and :func:`tests.test_json_schema` checks that they are there.
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator

from vaxical.render.jsondoc import schema_bytes

SCHEMA: dict[str, Any] = json.loads(schema_bytes())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(document: object) -> list[tuple[str, str]]:
    """Where ``document`` breaks the schema: each error's JSON path and keyword, sorted."""
    return sorted(
        ("/".join(str(part) for part in error.absolute_path), str(error.validator))
        for error in VALIDATOR.iter_errors(document)
    )


def messages(document: object) -> list[str]:
    """The validator's messages for ``document``, sorted."""
    return sorted(error.message for error in VALIDATOR.iter_errors(document))
