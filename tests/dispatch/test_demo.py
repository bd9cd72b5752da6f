"""Demo dispatches: delivered to each demo school, published once, idempotent."""

from __future__ import annotations

from dispatch.demo import load_demo_dispatches
from dispatch.models import Dispatch, DispatchReceipt
from documents.models import OfficialDocumentPage


class DemoTests:
    def test_demo_delivers_both_and_publishes_only_the_public_one(
        self, school_a, in_school, media_root
    ):
        with in_school(school_a):
            assert load_demo_dispatches(school_a) == 2
            assert load_demo_dispatches(school_a) == 0
        assert Dispatch.objects.count() == 2
        public = Dispatch.objects.get(is_public=True)
        internal = Dispatch.objects.get(is_public=False)
        assert "Bính Ngọ 2026" in internal.summary
        assert public.files.get().file.open("rb").read(5) == b"%PDF-"
        receipt = DispatchReceipt.objects.get(dispatch=public, school=school_a)
        assert not DispatchReceipt.objects.get(dispatch=internal).published_page_id
        with in_school(school_a):
            page = OfficialDocumentPage.objects.get(pk=receipt.published_page_id)
            assert page.number == "2326/GDĐT-THCS"
            assert OfficialDocumentPage.objects.filter(number=page.number).count() == 1
