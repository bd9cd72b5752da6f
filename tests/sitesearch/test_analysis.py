import unicodedata

import pytest

from sitesearch.analysis import fold, folded_analyzer, identifier_forms, words


class FoldingTests:
    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Đông Thạnh", "Dong Thanh"),
            ("đường", "duong"),
            ("Thủ Dầu Một", "Thu Dau Mot"),
            ("Công khai", "Cong khai"),
            ("an toàn", "an toan"),
        ],
    )
    def test_fold_removes_diacritics_and_maps_d_with_stroke(self, text, folded):
        assert fold(text) == folded

    def test_analyzer_folds_decomposed_input_like_precomposed(self):
        nfd = unicodedata.normalize("NFD", "Thông báo Đông")
        tokens = [t.text for t in folded_analyzer()(unicodedata.normalize("NFC", nfd))]
        assert tokens == ["thong", "bao", "dong"]

    def test_no_stop_words_are_dropped(self):
        assert [t.text for t in folded_analyzer()("An toàn là trên hết")] == [
            "an",
            "toan",
            "la",
            "tren",
            "het",
        ]

    def test_words_keep_diacritics_and_drop_punctuation(self):
        assert words('"tuyển sinh" AND (lớp:6*)') == ["tuyển", "sinh", "and", "lớp", "6"]


class IdentifierTests:
    def test_number_symbol_kept_whole_with_its_folded_form(self):
        assert identifier_forms("2326/GDĐT-THCS") == ["2326/gdđt-thcs", "2326/gddt-thcs"]

    def test_spaces_and_dashes_are_normalised(self):
        assert identifier_forms(" 2326 / GDĐT – THCS ") == ["2326/gdđt-thcs", "2326/gddt-thcs"]
