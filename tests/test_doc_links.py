"""Code comments cite ``docs/<page>.md#<anchor>``: every cited page and heading exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITATION = re.compile(r"docs/([\w.-]+\.md)#([\w-]+)")


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as -."""
    anchors = set()
    for line in page.read_text().splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def test_every_cited_anchor_exists() -> None:
    cited = [
        (path, page, anchor)
        for path in sorted((ROOT / "agent_tools").rglob("*.py"))
        for page, anchor in CITATION.findall(path.read_text())
    ]
    assert any(page == "agentcore-gateway.md" for _, page, _ in cited)
    missing = [
        f"{path.relative_to(ROOT)}: docs/{page}#{anchor}"
        for path, page, anchor in cited
        if not (ROOT / "docs" / page).is_file() or anchor not in _anchors(ROOT / "docs" / page)
    ]
    assert not missing, "cited anchors that do not exist:\n" + "\n".join(missing)
