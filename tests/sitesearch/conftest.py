"""Search tests: every index in a temporary directory; test pages with the content protocol.

The content page types live on other branches, so the pages here are ``SchoolHomePage``
instances placed under a school's home page (they have a rich-text body, ``intro``), given the
optional protocol (``search_kind``, ``search_identifiers``…) by monkeypatching, read from a
dict keyed by slug.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils.text import slugify

from sitesearch.analysis import fold

PROTOCOL = {
    "search_kind": "pages",
    "search_identifiers": [],
    "search_attachments": [],
    "search_school_year": "",
    "search_date": None,
}


BACKENDS = ("whoosh", "postgres")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "whoosh_only: the test is about Whoosh's files and locks, not search"
    )


def pytest_generate_tests(metafunc):
    """Every search test runs with both engines, except those marked ``whoosh_only``."""
    if "search_backend" in metafunc.fixturenames:
        whoosh_only = metafunc.definition.get_closest_marker("whoosh_only") is not None
        metafunc.parametrize("search_backend", ["whoosh"] if whoosh_only else BACKENDS)


@pytest.fixture(autouse=True)
def search_backend(request, settings):
    """``PORTAL_SEARCH_BACKEND`` for the test; the PostgreSQL engine writes to the real
    (embedded) database, inside the test's rolled-back transaction."""
    backend = request.param
    settings.PORTAL_SEARCH_BACKEND = backend
    if backend == "postgres":
        request.getfixturevalue("db")
    return backend


@pytest.fixture(autouse=True)
def search_root(settings, tmp_path):
    settings.SEARCH_INDEX_ROOT = str(tmp_path / "search")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "search"


@pytest.fixture(autouse=True)
def eager_tasks():
    """Run Celery tasks in-process.

    ``portal.embedded exec`` exports DJANGO_SETTINGS_MODULE=portal.settings.dev, which
    pytest-django prefers to the ini's ``portal.settings.test``, so the test settings'
    ``CELERY_TASK_ALWAYS_EAGER`` is not in force under ``make test``: set it on the app.
    """
    from portal.celery import app

    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def protocol(monkeypatch):
    from core.models import SchoolHomePage

    meta: dict[str, dict] = {}

    def method(name, default):
        def read(self):
            return meta.get(self.slug, {}).get(name, default)

        return read

    for name, default in PROTOCOL.items():
        monkeypatch.setattr(SchoolHomePage, name, method(name, default), raising=False)
    return meta


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """``publish(page)`` publishes its latest revision and runs the queued (eager) tasks."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return run


@pytest.fixture
def make_page(in_school, protocol, publish):
    """``make_page(school, title, intro=…, summary=…, live=True, **protocol)`` → the page."""
    from wagtail.models import Site

    from core.models import SchoolHomePage

    def make(school, title, *, intro="", summary="", live=True, slug=None, **meta):
        with in_school(school):
            home = Site.objects.get(is_default_site=True).root_page
            slug = slug or slugify(fold(title))[:50]
            protocol[slug] = meta
            page = SchoolHomePage(
                title=title, slug=slug, intro=intro, search_description=summary, live=False
            )
            home.add_child(instance=page)
            if live:
                publish(page)
            else:
                page.save_revision()
            page.refresh_from_db()
            return page

    return make


def docx_bytes(*paragraphs: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml.encode())
    return buffer.getvalue()


def pdf_bytes(*lines: str, compress: bool = True) -> bytes:
    """A minimal one-page PDF whose content stream shows ``lines`` with Tj/TJ."""
    import zlib

    ops = ["BT /F1 12 Tf 72 720 Td"]
    for index, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        if index % 2:
            words = escaped.split(" ")
            ops.append("[" + " -250 ".join(f"({word})" for word in words) + "] TJ T*")
        else:
            ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode("latin-1")
    if compress:
        stream = zlib.compress(content)
        head = f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode()
    else:
        stream = content
        head = f"<< /Length {len(stream)} >>".encode()
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        b"4 0 obj "
        + head
        + b"\nstream\n"
        + stream
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    )


def unicode_pdf_bytes(*lines: str) -> bytes:
    """A one-page PDF laid out as Word and LibreOffice write Vietnamese text.

    A Type0 font with ``Identity-H`` encoding shows two-byte glyph codes and a ``ToUnicode``
    CMap maps them back to Unicode: the text layer is real, but only a reader that applies
    the CMap (``pypdf``) gets Vietnamese out of it. Codes are the code points themselves;
    the font program is not embedded (viewers substitute one), which text extraction ignores.
    """
    ops = ["BT /F1 12 Tf 72 760 Td 16 TL"]
    for line in lines:
        ops.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode("ascii")
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 500 /CIDToGIDMap /Identity >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
