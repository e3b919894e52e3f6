"""Every "rule N" that the code, the tests, the templates or `vaxical lint` cite is a rule of
docs/calendar-clients.md, with the anchor and title the linter prints."""

from __future__ import annotations

import re
from pathlib import Path

from vaxical.lint import RULES, lint

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "calendar-clients.md"
SCANNED = ("vaxical", "tests", "templates")
SUFFIXES = {".py", ".html", ".mjs", ".toml", ".md"}
# "rule 17", "rules 1-3", "rules 7 and 8", "rules 10, 12 and 14"
CITATION = re.compile(r"\brules? (\d+)((?:(?:\s*[-–]\s*|,\s*|\s+and\s+)\d+)*)", flags=re.IGNORECASE)
JOIN = re.compile(r"\s*([-–]|,|and)\s*(\d+)")


def _documented() -> dict[int, str]:
    """Rule number → the title of its heading, for the rules that have their anchor."""
    text = DOCUMENT.read_text(encoding="utf-8")
    anchors = [int(number) for number in re.findall(r'<a id="rule-(\d+)"></a>\n###', text)]
    headings = re.findall(r"^### (\d+)\. (.+)$", text, flags=re.MULTILINE)
    assert [int(number) for number, _ in headings] == anchors
    return {int(number): title for number, title in headings}


def _cited(text: str) -> set[int]:
    numbers: set[int] = set()
    for match in CITATION.finditer(text):
        previous = int(match.group(1))
        numbers.add(previous)
        for join, number in JOIN.findall(match.group(2)):
            numbers.update(range(previous + 1, int(number) + 1) if join in "-–" else {int(number)})
            previous = int(number)
    return numbers


def test_citations_are_read_as_written() -> None:
    text = "rule 17; rules 1-3; rules 7 and 8; (rules 10, 12 and 14); rules 20–21; a rule."
    assert _cited(text) == {1, 2, 3, 7, 8, 10, 12, 14, 17, 20, 21}
    assert _cited("Rule 4. Rules 5 and 6.") == {4, 5, 6}  # at the start of a sentence


def test_the_document_numbers_every_rule_once_in_order() -> None:
    assert list(_documented()) == list(range(1, 23))


def test_every_rule_cited_in_the_repository_is_documented() -> None:
    documented = _documented()
    cited: dict[int, list[str]] = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in SUFFIXES or "node_modules" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                for rule in _cited(line):
                    cited.setdefault(rule, []).append(f"{path.relative_to(ROOT)}:{number}")
    assert {rule: where for rule, where in cited.items() if rule not in documented} == {}
    assert len(cited) >= 15  # the scan does find the code's citations


def test_every_linter_rule_has_the_documents_anchor_and_title() -> None:
    documented = _documented()
    assert list(RULES) == list(documented)
    for number, rule in RULES.items():
        assert rule.reference == f"docs/calendar-clients.md#rule-{number}"
        assert documented[number].lower() == rule.title.lower(), number
        assert rule.source, number
        assert rule.why, number
    assert [number for number, rule in RULES.items() if not rule.checked] == [8, 20, 21]


def test_lint_output_cites_documented_rules() -> None:
    (finding,) = lint(b"")
    assert finding.format("x.ics", reference=True) == (
        "x.ics:1: rule 18 (text and bytes): the file is empty (0 bytes). "
        "Fix: write an iCalendar file (BEGIN:VCALENDAR). See docs/calendar-clients.md#rule-18"
    )
    assert _cited(finding.format("x.ics")) <= set(_documented())


def test_the_code_points_at_the_projects_own_copy() -> None:
    loose = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "vaxical").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"(?<!docs/)calendar-clients\.md", line)
    ]
    assert loose == []
