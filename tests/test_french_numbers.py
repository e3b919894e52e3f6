"""Counts written as French typography writes them: "62 626 octets", not "62,626"."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaxical.schedule import french

from .conftest import SEED_DEFINITION, vaxical_in

NNBSP = "\u202f"  # narrow no-break space


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, f"1{NNBSP}000"),
        (62626, f"62{NNBSP}626"),
        (1234567, f"1{NNBSP}234{NNBSP}567"),
        (-4500, f"-4{NNBSP}500"),
    ],
)
def test_number_groups_digits_with_a_narrow_no_break_space(count: int, text: str) -> None:
    assert french.number(count) == text


def test_check_prints_sizes_the_french_way(tmp_path: Path) -> None:
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / SEED_DEFINITION.name).write_bytes(SEED_DEFINITION.read_bytes())
    result = vaxical_in(tmp_path, "check")
    assert result.status == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"    vaccins-covid.ics  38{NNBSP}907 octets" in lines
    assert f"    vaccins-covid.atom  1{NNBSP}649 octets" in lines
    assert "," not in "".join(line for line in lines if line.endswith("octets"))
