"""JSON text as ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)``
writes it, faster, and from long lists handed over item by item. Pure.

The standard library encodes indented output in Python only; here every container whose
items are all scalars goes through its C encoder in one call, and the indentation is
added by hand (tests/test_serializer.py holds the text equal to json.dumps's).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from json.encoder import encode_basestring as _string
from typing import Any

_SCALARS = frozenset({str, int, float, bool, type(None)})
_CONSTANTS = {None: "null", True: "true", False: "false"}


@functools.cache
def _flat(inner: str) -> json.JSONEncoder:
    """The standard library's C encoder, whose separators put each item of a flat
    container on its own line, ``inner`` deep: a flat container's indented text is then
    the C encoder's with its brackets moved to lines of their own."""
    return json.JSONEncoder(
        ensure_ascii=False, check_circular=False, sort_keys=True, separators=(",\n" + inner, ": ")
    )


def _is_flat(values: Iterable[object]) -> bool:
    """Whether every value is a scalar or an empty list or object."""
    return all(type(value) in _SCALARS or not value for value in values)


def _encode(value: object, indent: str, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps(ensure_ascii=False, indent=2, sort_keys=True)``
    writes it, nested ``indent`` deep. The standard library encodes indented output in
    Python only (a fifth of a 100-year build's time); here every container whose items
    are all scalars, such as most events, goes through its C encoder in one call."""
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None or isinstance(value, bool):
        out.append(_CONSTANTS[value])
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            out.append("{}")
        elif _is_flat(value.values()):
            out.append(_flattened(_flat(indent + "  ").encode(value), indent))
        else:
            inner = indent + "  "
            separator = "{\n" + inner
            for key in sorted(value):
                out.append(separator + _string(key) + ": ")
                _encode(value[key], inner, out)
                separator = ",\n" + inner
            out.append("\n" + indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
        elif _is_flat(value):
            out.append(_flattened(_flat(indent + "  ").encode(value), indent))
        else:
            inner = indent + "  "
            separator = "[\n" + inner
            for item in value:
                out.append(separator)
                _encode(item, inner, out)
                separator = ",\n" + inner
            out.append("\n" + indent + "]")
    else:  # floats, and whatever json.dumps itself accepts or refuses
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
        out.append(text.replace("\n", "\n" + indent))


def _flattened(text: str, indent: str) -> str:
    """``{"a": 1,\n    "b": 2}`` → its brackets on lines of their own."""
    return f"{text[0]}\n{indent}  {text[1:-1]}\n{indent}{text[-1]}"


def indented(value: object, indent: str = "") -> str:
    """``value``'s text, nested ``indent`` deep."""
    out: list[str] = []
    _encode(value, indent, out)
    return "".join(out)


def _dumps(value: object, indent: str = "") -> bytes:
    return indented(value, indent).encode("utf-8")


def dump_bytes(document: Mapping[str, Any]) -> bytes:
    """``json.dumps(document, indent=2, sort_keys=True)`` as UTF-8, with the values that
    are generators (the long lists) encoded one item at a time, each fragment turned into
    bytes at once: the same text without holding a whole calendar as Python objects and
    wide strings (a 100-year calendar's JSON took 250 MiB the plain way). An item that
    is ``bytes`` (which JSON has no value for) is that item's text, already encoded four
    spaces deep (:func:`event_json`)."""
    if not document:
        return b"{}"
    parts = [b"{\n"]
    for index, key in enumerate(sorted(document)):
        value = document[key]
        separator = b"  " if index == 0 else b",\n  "
        parts.append(separator + _dumps(key) + b": ")
        if isinstance(value, Iterator):
            first = True
            for item in value:
                parts.append(b"[\n    " if first else b",\n    ")
                parts.append(item if isinstance(item, bytes) else _dumps(item, "    "))
                first = False
            parts.append(b"[]" if first else b"\n  ]")
        else:
            parts.append(_dumps(value, "  "))
    parts.append(b"\n}")
    return b"".join(parts)
