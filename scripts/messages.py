"""Keep the project's Vietnamese catalogues complete after a Wagtail or Django upgrade (R9.2).

``make messages`` runs this script. It reads the English source catalogues that Wagtail, Django
and taggit ship for every installed app (``<package>/locale/en/LC_MESSAGES/django.po`` and
``djangojs.po``: their msgid lists), adds every msgid the project catalogue
(``locale/vi/LC_MESSAGES/``) does not have yet, keeps every translation it has, reports what is
untranslated (by source app) and compiles the ``.mo`` files with ``msgfmt --check-format``,
which refuses a translation whose placeholders differ from its msgid.

A new msgid that the package's own Vietnamese catalogue already translates is added with that
translation marked ``fuzzy``: it is listed for review and not compiled until the flag is
removed. Entries the sources no longer have are kept (the project may still show them).

    python scripts/messages.py            # merge, report, compile
    python scripts/messages.py --check    # exit 1 if anything is untranslated or fuzzy
    python scripts/messages.py --dry-run  # report only, write nothing
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale" / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
# Packages outside INSTALLED_APPS whose strings the admin shows (Django's own core strings:
# form errors, dates, time since).
EXTRA_SOURCES = ("django",)
HEADER = (
    "Project-Id-Version: school-portal\\n"
    "Language: vi\\n"
    "Language-Team: Vietnamese\\n"
    "MIME-Version: 1.0\\n"
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Content-Transfer-Encoding: 8bit\\n"
    "Plural-Forms: nplurals=1; plural=0;\\n"
)


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    body = text[1:-1]
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    )
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a PO file (obsolete ones skipped); plural msgstrs joined by their first."""
    entries: list[Entry] = []
    current: Entry | None = None
    field_name = None
    values: dict[str, str] = {}

    def finish() -> None:
        nonlocal current, values
        if "msgid" in values:
            entry = current or Entry(msgid="")
            entry.msgid = values["msgid"]
            entry.msgctxt = values.get("msgctxt")
            entry.msgid_plural = values.get("msgid_plural")
            entry.msgstr = values.get("msgstr", values.get("msgstr[0]", ""))
            entries.append(entry)
        current, values = None, {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if "msgid" in values:
                finish()
            current = current or Entry(msgid="")
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            elif line.startswith("#.") or line.startswith("# "):
                current.comments.append(line)
            continue
        if line.startswith('"'):
            values[field_name] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and "msgid" in values:
            finish()
        field_name = keyword
        values[field_name] = _unquote(rest)
    finish()
    return entries


def write_po(path: Path, entries: list[Entry], intro: list[str]) -> None:
    lines = [
        *intro,
        'msgid ""',
        'msgstr ""',
        *(f'"{part}\\n"' for part in HEADER.split("\\n")[:-1]),
        "",
    ]
    for entry in entries:
        lines.extend(entry.comments)
        if entry.flags:
            lines.append("#, " + ", ".join(sorted(entry.flags)))
        if entry.msgctxt is not None:
            lines.append("msgctxt " + _quote(entry.msgctxt))
        lines.append("msgid " + _quote(entry.msgid))
        if entry.msgid_plural is not None:
            lines.append("msgid_plural " + _quote(entry.msgid_plural))
            lines.append("msgstr[0] " + _quote(entry.msgstr))
        else:
            lines.append("msgstr " + _quote(entry.msgstr))
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def source_catalogues(domain: str) -> list[tuple[str, Path, Path | None]]:
    """(app, English source catalogue, the package's own vi catalogue) of every installed app."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")
    # Only INSTALLED_APPS is read: no server is reached.
    os.environ.setdefault("DATABASE_URL", "postgresql://unused@127.0.0.1/unused")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    found = []
    for app in (*EXTRA_SOURCES, *settings.INSTALLED_APPS):
        if not app.startswith(("wagtail", "django", "taggit")) or app == "django_tenants":
            continue
        package = _package_dir(app)
        if package is None:
            continue
        base = package / ("conf/locale" if app == "django" else "locale")
        source = base / "en" / "LC_MESSAGES" / f"{domain}.po"
        if source.exists():
            vi = base / "vi" / "LC_MESSAGES" / f"{domain}.po"
            found.append((app, source, vi if vi.exists() else None))
    return found


def merge(domain: str, *, write: bool) -> dict[str, list[Entry]]:
    """Add missing msgids to the project catalogue; return what is left to translate by app."""
    path = LOCALE / f"{domain}.po"
    project = parse_po(path) if path.exists() else []
    intro = [
        "# Vietnamese catalogue of the school portal: every string of Wagtail, Django and the",
        "# project that the admin shows. Terms: docs/GLOSSARY-vi.md. Kept by `make messages`.",
    ]
    by_key = {entry.key: entry for entry in project if entry.msgid}
    for entry in by_key.values():
        entry.sources = set()
        entry.comments = [c for c in entry.comments if not c.startswith("#. app:")]
    for app, source, vi in source_catalogues(domain):
        upstream = {e.key: e for e in parse_po(vi)} if vi else {}
        for entry in parse_po(source):
            if not entry.msgid:
                continue
            ours = by_key.get(entry.key)
            if ours is None:
                ours = Entry(
                    msgid=entry.msgid,
                    msgctxt=entry.msgctxt,
                    msgid_plural=entry.msgid_plural,
                    flags={f for f in entry.flags if f.endswith("-format")},
                )
                theirs = upstream.get(entry.key)
                if theirs is not None and theirs.msgstr and "fuzzy" not in theirs.flags:
                    ours.msgstr = unicodedata.normalize("NFC", theirs.msgstr)
                    ours.flags.add("fuzzy")
                by_key[entry.key] = ours
            ours.msgid_plural = ours.msgid_plural or entry.msgid_plural
            ours.flags |= {f for f in entry.flags if f.endswith("-format")}
            ours.sources.add(app)
    entries = sorted(by_key.values(), key=lambda e: (e.msgid.lower(), e.msgctxt or ""))
    for entry in entries:
        entry.msgstr = unicodedata.normalize("NFC", entry.msgstr)
        if entry.sources:
            entry.comments.insert(0, "#. app: " + " ".join(sorted(entry.sources)))
    if write:
        write_po(path, entries, intro)
    missing: dict[str, list[Entry]] = {}
    for entry in entries:
        if not entry.msgstr or "fuzzy" in entry.flags:
            app = min(entry.sources) if entry.sources else "project"
            missing.setdefault(app, []).append(entry)
    return missing


def compile_catalogue(domain: str) -> None:
    path = LOCALE / f"{domain}.po"
    subprocess.run(  # noqa: S603
        ["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)],  # noqa: S607
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if anything is missing")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument("--list", action="store_true", help="print every missing msgid")
    args = parser.parse_args(argv)
    if not args.dry_run and shutil.which("msgfmt") is None:
        sys.stderr.write("msgfmt is needed to compile: apt-get install gettext\n")
        return 2
    total = 0
    for domain in DOMAINS:
        missing = merge(domain, write=not args.dry_run)
        count = sum(len(entries) for entries in missing.values())
        total += count
        sys.stdout.write(f"{domain}: {count} untranslated or fuzzy\n")
        for app, entries in sorted(missing.items()):
            sys.stdout.write(f"  {app}: {len(entries)}\n")
            if args.list:
                for entry in entries:
                    sys.stdout.write(f"    {entry.msgid!r}\n")
        sys.stdout.flush()
        if not args.dry_run:
            compile_catalogue(domain)
    return 1 if args.check and total else 0


if __name__ == "__main__":
    sys.exit(main())
