"""The project's Vietnamese catalogues are complete and well-formed (R9.2; issue 15).

``make messages`` merges new msgids after an upgrade; these tests fail until each is
translated, so an upgrade cannot bring English back silently.
"""

import gettext
import re
import unicodedata

import pytest

from scripts import messages as messages_script

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
# Tone marks in the old position (hoá, khoá, huỷ) where the glossary uses hóa, khóa, hủy.
OLD_TONE_POSITION = re.compile(r"(?<![qQ])(o[áàảãạ]|u[ýỳỷỹỵ])(?![^\W\d_])", re.I)


def _entries(domain: str):
    return [e for e in messages_script.parse_po(messages_script.LOCALE / f"{domain}.po") if e.msgid]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
class CatalogueTests:
    def test_every_source_string_is_translated(self, domain):
        missing = messages_script.merge(domain, write=False)
        assert not missing, {app: [e.msgid for e in entries] for app, entries in missing.items()}

    def test_translations_keep_placeholders(self, domain):
        wrong = []
        for entry in _entries(domain):
            sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            ours = set(PLACEHOLDER.findall(entry.msgstr))
            # One plural form: the translation follows the plural msgid, which may name
            # the count the singular spells out ("one child page" / "%(counter)s …").
            if not any(ours == set(PLACEHOLDER.findall(source)) for source in sources):
                wrong.append((entry.msgid, entry.msgstr))
        assert wrong == []

    def test_translations_are_nfc_and_follow_the_glossary(self, domain):
        for entry in _entries(domain):
            assert unicodedata.is_normalized("NFC", entry.msgstr), entry.msgid
            assert not OLD_TONE_POSITION.search(entry.msgstr), entry.msgstr
            assert "bình luận" not in entry.msgstr.lower(), entry.msgstr  # comment = nhận xét

    def test_one_plural_form_and_compiled(self, domain):
        po = messages_script.LOCALE / f"{domain}.po"
        assert "Plural-Forms: nplurals=1; plural=0;" in po.read_text(encoding="utf-8")
        with po.with_suffix(".mo").open("rb") as mo:  # the committed .mo matches the .po
            compiled = gettext.GNUTranslations(mo)
        stale = []
        for entry in _entries(domain):
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            if entry.msgid_plural is not None:
                got = compiled._catalog.get((key, 0))
            else:
                got = compiled._catalog.get(key)
            if got != entry.msgstr:
                stale.append(entry.msgid)
        assert stale == [], "run make messages"
