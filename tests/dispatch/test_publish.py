"""A public dispatch becomes a document page of each target school (R4.3, R4.1)."""

from __future__ import annotations

from dispatch.models import Dispatch, DispatchReceipt
from dispatch.services import dispatch_publish_to_school
from dispatch.tasks import dispatch_publish
from documents.models import Issuer, OfficialDocumentPage
from tests.dispatch.conftest import PDF_BYTES, pdf_upload


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


class PublishTests:
    def test_public_dispatch_is_a_document_page_with_its_file_on_each_school_domain(
        self, send, school_a, school_b, client_a, client_b, in_school, media_root, settings
    ):
        send(is_public="on", files=[pdf_upload()])
        dispatch = Dispatch.objects.get()
        for school, client in ((school_a, client_a), (school_b, client_b)):
            receipt = DispatchReceipt.objects.get(dispatch=dispatch, school=school)
            with in_school(school):
                page = OfficialDocumentPage.objects.get(pk=receipt.published_page_id)
                assert page.live and page.get_parent().slug == "van-ban"
                assert page.issuer.name == settings.PORTAL_OPERATOR_NAME
                assert page.number == "2326/GDĐT-THCS"
                attached = page.files.select_related("document").get()
                url, file_id = page.url, attached.document_id
                # The copy lives in the school's own media.
                assert f"/{school.schema_name}/" in attached.document.file.path
            assert "2326/GDĐT-THCS" in client.get("/van-ban/").content.decode()
            download = client.get(f"{url}tai-ve/{file_id}/")
            assert download.status_code == 200
            assert _body(download) == PDF_BYTES

    def test_internal_dispatch_is_not_published(self, send, school_a, in_school, media_root):
        send(files=[pdf_upload()])
        receipt = DispatchReceipt.objects.get(school=school_a)
        assert receipt.published_page_id is None
        with in_school(school_a):
            assert not OfficialDocumentPage.objects.filter(number="2326/GDĐT-THCS").exists()

    def test_retrying_the_task_does_not_duplicate_the_page(
        self, send, school_a, in_school, media_root
    ):
        send(is_public="on", all_schools="0", schools=[school_a.pk], files=[pdf_upload()])
        dispatch = Dispatch.objects.get()
        first = DispatchReceipt.objects.get(school=school_a).published_page_id
        with in_school(school_a):
            dispatch_publish.delay(dispatch.pk, school_a.pk)
            dispatch_publish.apply(args=(dispatch.pk, school_a.pk))
        assert dispatch_publish_to_school(dispatch=dispatch, school=school_a) == first
        with in_school(school_a):
            assert OfficialDocumentPage.objects.filter(number="2326/GDĐT-THCS").count() == 1
            assert Issuer.objects.filter(name=dispatch.issuer_name).count() == 1

    def test_school_that_already_has_the_number_keeps_its_page(
        self, send, school_a, in_school, media_root
    ):
        from tests.documents.factories import make_document

        with in_school(school_a):
            own = make_document(number="2326/GDĐT-THCS")
        send(is_public="on", all_schools="0", schools=[school_a.pk])
        assert DispatchReceipt.objects.get(school=school_a).published_page_id == own.pk
        with in_school(school_a):
            assert OfficialDocumentPage.objects.count() == 1
