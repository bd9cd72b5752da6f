"""Walks the Wagtail admin as one user and collects visible English (R9.2, issue 15).

Shared by ``test_admin_vietnamese.py`` and usable by hand against ``make run``::

    .venv/bin/python -m tests.browser.admin_walk http://thcs-nguyen-trai.localhost:8000 hieutruong

English is recognised without a dictionary package: the words of the catalogue's msgids (every
English string of Wagtail, Django and taggit, see ``make messages``) are English; the words its
Vietnamese translations spell in plain ASCII, and every syllable Vietnamese can write without a
diacritic ("tin", "ban", "in", "do"), are not. A chunk that looks like an address, a file name
or an e-mail (``ngay-hoi.jpg``, ``Asia/Ho_Chi_Minh``) is not read as words.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.messages import parse_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES"
ARTIFACTS_REPORT = ROOT / "test-artifacts" / "browser" / "admin-english.md"

# Proper nouns and technical terms an admin may show as they are (kept short: at most a few
# dozen). Compared case-insensitively, word by word.
ALLOWED = frozenset(
    {
        "wagtail",  # the product's name (editor guide, version)
        "django",
        "rss",
        "pdf",
        "email",
        "e-mail",
        "url",
        "html",
        "id",
        "api",
        "json",
        "csv",
        "xlsx",
        "ical",
        "totp",
        "ip",
        "utc",
        "english",  # the admin language offered in its own name in account settings
        "slug",  # "Đường dẫn (slug)"
        "meta",  # "Mô tả (meta description)"
        "description",
        "title",  # "tiêu đề (thẻ title)"
        "embedly",
        "youtube",
        "facebook",
        "zalo",
        "google",
    }
)
# Proper nouns that are also English words: allowed only as written here.
ALLOWED_EXACT = frozenset({"Word", "Excel", "Office"})

# Links never followed: they act (log out, downloads, exports) or leave the admin's HTML.
SKIP_LINK = re.compile(
    r"logout|/export|export=|[?&]format=|/download|\.csv|\.xlsx|/serve/|/preview/|jsi18n"
    r"|/admin/bulk/|/admin/login|/admin/password_reset|/revisions/\d+/view|/usage/\?|/ical|/rss/"
)
# Link kinds taken from each listing, one of each.
CHILD_KINDS = {
    "add": re.compile(r"/(add|create|new)(/|$)"),
    "edit": re.compile(r"/(edit/|\d+/$)"),
    "delete": re.compile(r"/delete/"),
}


# Vietnamese syllables written with plain a e i o u y (level tone, no vowel mark).
_ONSETS = " b c ch d g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split(" ")  # noqa: SIM905, E501
_RHYMES = (  # noqa: SIM905
    "a ac ach ai am an ang anh ao ap at au ay e ec em en eng eo ep et i ia ich im in inh ip"
    " it iu o oa oac oach oai oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong op"
    " ot u ua uan uang uat uc ui um un ung up ut uy uya uych uyn uynh uyt y"
).split()


def _vietnamese_ascii_syllables() -> frozenset[str]:
    return frozenset(onset + rhyme for onset in _ONSETS for rhyme in _RHYMES)


def _words(text: str) -> list[str]:
    text = re.sub(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]+>|&\w+;|\\n", " ", text)
    return re.findall(r"[A-Za-z]+", text)


@functools.cache
def english_words() -> frozenset[str]:
    english: set[str] = set()
    vietnamese: set[str] = set(_vietnamese_ascii_syllables())
    for domain in ("django", "djangojs"):
        for entry in parse_po(CATALOGUE / f"{domain}.po"):
            source = f"{entry.msgid} {entry.msgid_plural or ''}"
            english.update(word.lower() for word in _words(source) if len(word) > 1)
            vietnamese.update(word.lower() for word in _words(entry.msgstr))
    return frozenset(english - vietnamese - ALLOWED)


_CODE_LIKE = re.compile(r"\w[-_./@:]\w|^https?:|^www\.|^#|^[-_./]\w")


def english_in(text: str) -> list[str]:
    """Lines of ``text`` that contain English words, each with the words found."""
    vocabulary = english_words()
    found = []
    for line in text.splitlines():
        hits = []
        for chunk in line.split():
            if _CODE_LIKE.search(chunk):
                continue
            hits += [
                word
                for word in re.findall(r"[^\W\d_]+", chunk)
                if word.isascii() and word.lower() in vocabulary and word not in ALLOWED_EXACT
            ]
        if hits:
            found.append(f"{line.strip()[:160]}  ← {', '.join(dict.fromkeys(hits))}")
    return found


@dataclass
class Screen:
    url: str
    title: str = ""
    status: int = 0
    english: list[str] = field(default_factory=list)
    redirected: bool = False  # e.g. to the dashboard: this user may not open it


@dataclass
class Walk:
    role: str
    screens: list[Screen] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Screen]:
        return [s for s in self.screens if s.english or s.status >= 400]


# Text marked translate="no" (a TOTP secret, codes) is not a sentence of the interface.
VISIBLE_TEXT = """() => {
    const hidden = [...document.querySelectorAll('[translate="no"]')];
    const displays = hidden.map((el) => el.style.display);
    hidden.forEach((el) => { el.style.display = "none"; });
    const parts = [document.body.innerText];
    hidden.forEach((el, i) => { el.style.display = displays[i]; });
    for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
        if (el.offsetParent !== null) parts.push(el.getAttribute("placeholder"));
    }
    for (const el of document.querySelectorAll("input[type=submit][value], input[type=button][value]")) {
        if (el.offsetParent !== null) parts.push(el.value);
    }
    return parts.join("\\n");
}"""


def _skip_media(route) -> None:
    route.abort()


def sign_in(context, base: str, username: str, password: str):
    # Pictures and fonts carry no words: not fetched, which spares the shared test server.
    context.route(re.compile(r"\.(png|jpe?g|gif|webp|avif|svg|woff2?)(\?.*)?$"), _skip_media)
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/admin/$"), timeout=20000)
    return page


def menu_urls(page) -> list[str]:
    """Every admin URL of the sidebar (main menu, submenus, account menu) for this user."""
    props = page.evaluate("document.getElementById('wagtail-sidebar-props')?.textContent || ''")
    urls = re.findall(r'"url":\s*"(/admin/[^"]*)"', props)
    return list(dict.fromkeys(u for u in urls if not SKIP_LINK.search(u)))


def _children(page, listing: str) -> list[str]:
    hrefs = page.evaluate(
        """() => Array.from(document.querySelectorAll("main a[href], #main a[href]"),
                            (a) => a.getAttribute("href"))"""
    )
    picked: dict[str, str] = {}
    for href in hrefs:
        url = urljoin(listing, href)
        path = urlsplit(url).path
        if not path.startswith("/admin/") or SKIP_LINK.search(url) or path == listing:
            continue
        for kind, pattern in CHILD_KINDS.items():
            if kind not in picked and pattern.search(path):
                picked[kind] = path
    return list(picked.values())


def _delete_of(edit_path: str) -> str:
    """The delete confirmation of an edit screen (its link sits in a menu built by script)."""
    if "/edit/" in edit_path:
        return edit_path.replace("/edit/", "/delete/")
    if re.fullmatch(r"/admin/images/\d+/", edit_path):
        return edit_path + "delete/"
    return ""


def check(page, base: str, path: str) -> Screen:
    screen = Screen(url=path)
    response = page.goto(base + path, wait_until="domcontentloaded")
    screen.status = response.status if response else 0
    # Let the sidebar (React) and Stimulus controllers render their text.
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 120)))")
    screen.title = page.title()
    screen.redirected = urlsplit(page.url).path != urlsplit(base + path).path
    screen.english = english_in(page.evaluate(VISIBLE_TEXT))
    return screen


def walk(
    context,
    base: str,
    username: str,
    password: str,
    *,
    extra: Iterable[str] = (),
    seen: set[str] | None = None,
    children_of: int = 15,
) -> Walk:
    """Sign in, then check every menu URL and ``extra``; from the first ``children_of``
    listings one add, edit and delete screen each, and from each edit screen its delete
    confirmation. Every user's own menu is checked; other URLs already in
    ``seen`` (checked for an earlier user of the same site) are skipped."""
    started = time.monotonic()
    result = Walk(role=username)
    seen = set() if seen is None else seen
    anonymous = context.new_page()
    for path in ("/admin/login/", "/admin/password_reset/"):
        if path not in seen:
            seen.add(path)
            result.screens.append(check(anonymous, base, path))
    anonymous.close()
    page = sign_in(context, base, username, password)
    result.screens.append(check(page, base, "/admin/"))
    mine: set[str] = set()
    menu = menu_urls(page)
    queue = [(path, 0, False) for path in menu] + [(path, 1, False) for path in extra]
    listings = 0
    while queue:
        path, depth, derived = queue.pop(0)
        if path in mine or (depth > 0 and path in seen):
            continue
        mine.add(path)
        seen.add(path)
        screen = check(page, base, path)
        if derived and screen.status == 404:
            continue  # a guessed delete URL this model does not have (workflows disable)
        result.screens.append(screen)
        if screen.redirected:
            seen.discard(path)  # refused to this user: the next one may open it
        if screen.status >= 400 or depth > 1 or screen.redirected:
            continue
        if depth == 0 and listings < children_of:
            listings += 1
            children = [(c, 1, False) for c in _children(page, path)]
        elif depth == 1 and CHILD_KINDS["edit"].search(path):
            children = [
                (c, 2, False) for c in _children(page, path) if not CHILD_KINDS["edit"].search(c)
            ]
            children += [(d, 2, True) for d in [_delete_of(path)] if d]
        else:
            continue
        queue[0:0] = children
    page.close()
    result.seconds = time.monotonic() - started
    return result


# What the page editor shows only after a click: (name, selector to click, what to wait for).
EDITOR_DIALOGS = (
    (
        "sidebar-pages",
        ".sidebar-page-explorer-item button, .sidebar-page-explorer-item a",
        ".c-page-explorer",
    ),
    (
        "header-actions",
        "header [data-w-dropdown-target='toggle']",
        "[data-w-dropdown-target='content']",
    ),
    (
        "footer-actions",
        "footer .w-dropdown__toggle",
        "footer [role='menu'], footer .w-dropdown__content",
    ),
    ("panel-status", "[data-side-panel-toggle='status']", "[data-side-panel='status']"),
    ("panel-checks", "[data-side-panel-toggle='checks']", "[data-side-panel='checks']"),
    ("panel-comments", "[data-side-panel-toggle='comments']", "[data-side-panel='comments']"),
    ("panel-preview", "[data-side-panel-toggle='preview']", "[data-side-panel='preview']"),
    ("streamfield-blocks", ".c-sf-add-button", ".w-combobox, [role='listbox']"),
    ("date-picker", "input[name$='date'], input[name='go_live_at']", ".xdsoft_datetimepicker"),
    ("image-chooser", "#id_image-chooser [data-chooser-action-choose]", ".modal-content"),
)


def editor_dialogs(
    page, base: str, edit_path: str, *, names: Iterable[str] = (), shots: Path | None = None
) -> list[Screen]:
    """Open each of the editor's menus, side panels, pickers and choosers (or only ``names``)
    in turn and read what it shows; a dialog this page does not have is left out."""
    screens = []
    for name, trigger, shown in EDITOR_DIALOGS:
        if names and name not in names:
            continue
        page.goto(base + edit_path, wait_until="load")
        button = page.locator(trigger).first
        if not button.count() or not button.is_visible():
            continue
        button.click()
        try:
            page.locator(f"{shown} >> visible=true").first.wait_for(timeout=8000)
        except Exception:  # noqa: BLE001 - reported as a screen that did not open
            screens.append(Screen(url=f"{edit_path}#{name}", status=500, title="did not open"))
            continue
        page.wait_for_timeout(300)
        if shots is not None:
            page.screenshot(path=str(shots / f"editor-{name}.png"))
        screen = Screen(url=f"{edit_path}#{name}", status=200, title=name)
        screen.english = english_in(page.evaluate(VISIBLE_TEXT))
        screens.append(screen)
    return screens


def report(walks: list[Walk], path: Path) -> None:
    lines = ["# Visible English in the admin (tests/browser/test_admin_vietnamese.py)", ""]
    for result in walks:
        lines.append(f"## {result.role}: {len(result.screens)} screens, {result.seconds:.0f} s")
        lines.append("")
        for screen in result.screens:
            mark = "FAIL" if screen.english or screen.status >= 400 else "ok"
            lines.append(f"- {mark} `{screen.url}` ({screen.status}) {screen.title}")
            lines.extend(f"    - {text}" for text in screen.english)
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    base, username = argv[0], argv[1]
    password = argv[2] if len(argv) > 2 else "TruongDemo@2026"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        result = walk(
            context, base, username, password, extra=argv[3].split(",") if len(argv) > 3 else ()
        )
        browser.close()
    report([result], ROOT / "test-artifacts" / "browser" / f"admin-english-{username}.md")
    sys.stdout.write(
        json.dumps({"screens": len(result.screens), "failures": len(result.failures)}) + "\n"
    )
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
