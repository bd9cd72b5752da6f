"""Relations between documents, shown on both documents with the inverse wording (R4.4)."""

import pytest

from documents.models import RelationType
from tests.documents.factories import make_document


@pytest.mark.django_db
class DocumentRelationTests:
    def test_relations_shown_both_ways(self, school_a, client_a, in_school):
        with in_school(school_a):
            old = make_document(number="36/2017/TT-BGDĐT", summary="Quy chế công khai cũ.")
            base = make_document(number="37/2020/TT-BGDĐT", summary="Cổng thông tin điện tử.")
            new = make_document(
                number="09/2024/TT-BGDĐT",
                summary="Quy định về công khai.",
                relations=[(RelationType.REPLACES, old), (RelationType.AMENDS, base)],
            )
            urls = {p.number: p.url for p in (old, base, new)}

        new_html = client_a.get(urls["09/2024/TT-BGDĐT"]).content.decode()
        assert "Thay thế" in new_html and "36/2017/TT-BGDĐT" in new_html
        assert "Sửa đổi" in new_html and "37/2020/TT-BGDĐT" in new_html

        old_html = client_a.get(urls["36/2017/TT-BGDĐT"]).content.decode()
        assert "Bị thay thế bởi" in old_html and "09/2024/TT-BGDĐT" in old_html
        assert "Bị thay thế</span>" in old_html  # the validity badge

        base_html = client_a.get(urls["37/2020/TT-BGDĐT"]).content.decode()
        assert "Được sửa đổi bởi" in base_html and "09/2024/TT-BGDĐT" in base_html
        assert "Còn hiệu lực" in base_html

    def test_relations_with_unpublished_documents_are_hidden(self, school_a, client_a, in_school):
        with in_school(school_a):
            target = make_document(number="5/KH-THCSA")
            draft = make_document(
                number="6/KH-THCSA", live=False, relations=[(RelationType.REPLACES, target)]
            )
            assert not draft.live
            url = target.url
        html = client_a.get(url).content.decode()
        assert "6/KH-THCSA" not in html
        assert "Còn hiệu lực" in html
