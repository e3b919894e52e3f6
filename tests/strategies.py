"""Hypothesis strategies shared by several test modules."""

from __future__ import annotations

from hypothesis import strategies as st

UNICODE = st.characters(exclude_categories=["Cs"])
"""Every character UTF-8 can encode: every code point but the surrogates. It is the
alphabet ``st.text()`` draws from by default (``characters(codec="utf-8")``), named
without the codec: Hypothesis finds a codec's characters by encoding all 1.1 million
code points, about 1.7 s in each test worker of a fresh clone (its cache in .hypothesis/
is not there yet), where a category is read from its Unicode table (0.1 s)."""
