"""Checks shared by the security tests: is this HTML inert?"""

from __future__ import annotations

from html.parser import HTMLParser

# Script types that browsers treat as data, never run.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


class _ActiveContentFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            kind = values.get("type", "").lower()
            if kind in DATA_SCRIPT_TYPES:
                return
            source = values.get("src", "")
            if not source.startswith("/static/"):
                self.problems.append(f"<script src={source!r}> (inline or foreign script)")
        if tag == "base":
            self.problems.append("<base>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")


def active_content(html: str) -> list[str]:
    """Script, event handlers and script URLs in ``html`` that did not come from our code.

    Public pages have no inline script at all (siteplatform/security.py), so any inline
    ``<script>`` (other than JSON-LD data) is a finding.
    """
    finder = _ActiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
