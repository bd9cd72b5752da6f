"""A school created after a dispatch receives it; dispatch files use the configured storage;
a re-run finishes publications a dead worker left undone (R4.3)."""

from __future__ import annotations

from django.core.files.storage import InMemoryStorage, storages

from dispatch.models import Dispatch, DispatchFile, DispatchReceipt
from dispatch.services import dispatch_publish_pending, dispatch_receipts_reconcile
from documents.models import OfficialDocumentPage
from schools.services import school_create
from tests.dispatch.conftest import PDF_BYTES, pdf_upload


class LateSchoolTests:
    def test_a_new_school_gets_the_public_dispatches_sent_to_every_school(
        self, send, in_school, media_root, django_capture_on_commit_callbacks
    ):
        send(is_public="on", files=[pdf_upload()])
        send(number="9/TB-PGDĐT", summary="Thông báo nội bộ về lịch họp giao ban.")
        public = Dispatch.objects.get(is_public=True)
        with django_capture_on_commit_callbacks(execute=True):
            school = school_create(
                name="Trường Mầm non Hướng Dương",
                slug="mn-huong-duong",
                domain="mn-huong-duong.localhost",
                level="mam_non",
            )
        receipts = DispatchReceipt.objects.filter(school=school)
        assert [r.dispatch_id for r in receipts] == [public.pk], "only the public one"
        with in_school(school):
            page = OfficialDocumentPage.objects.get(pk=receipts.get().published_page_id)
            assert page.live and page.number == "2326/GDĐT-THCS"
            assert page.files.get().document.file.read() == PDF_BYTES


class ConfiguredStorageTests:
    def test_dispatch_files_go_to_the_storage_named_dispatch(
        self, send, school_a, in_school, media_root, settings
    ):
        settings.STORAGES = {
            **settings.STORAGES,
            "dispatch": {"BACKEND": InMemoryStorage.__module__ + ".InMemoryStorage"},
        }
        send(is_public="on", files=[pdf_upload()])
        stored = DispatchFile.objects.get()
        backend = storages["dispatch"]
        assert isinstance(backend, InMemoryStorage) and backend.exists(stored.file.name)
        assert not (media_root / "_dispatch").exists(), "nothing written to local disk"
        receipt = DispatchReceipt.objects.get(school=school_a)
        with in_school(school_a):
            page = OfficialDocumentPage.objects.get(pk=receipt.published_page_id)
            assert page.files.get().document.file.read() == PDF_BYTES


class PendingTests:
    def test_rerun_publishes_only_where_the_page_is_missing(
        self, send, school_a, school_b, in_school, media_root, django_capture_on_commit_callbacks
    ):
        send(is_public="on")
        dispatch = Dispatch.objects.get()
        receipt_b = DispatchReceipt.objects.get(dispatch=dispatch, school=school_b)
        with in_school(school_b):  # as if the worker died before school B's page
            OfficialDocumentPage.objects.get(pk=receipt_b.published_page_id).delete()
        DispatchReceipt.objects.filter(pk=receipt_b.pk).update(published_page_id=None)
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_publish_pending() == {dispatch.pk: 1}
        for school in (school_a, school_b):
            with in_school(school):
                assert OfficialDocumentPage.objects.filter(number=dispatch.number).count() == 1

    def test_reconcile_after_a_restore_republishes_a_lost_page(
        self, send, school_a, in_school, media_root, django_capture_on_commit_callbacks
    ):
        send(is_public="on")
        receipt = DispatchReceipt.objects.get(school=school_a)
        with in_school(school_a):  # the restored tree predates the dispatch
            OfficialDocumentPage.objects.get(pk=receipt.published_page_id).delete()
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_receipts_reconcile(school=school_a) == 1
        receipt.refresh_from_db()
        with in_school(school_a):
            assert OfficialDocumentPage.objects.filter(pk=receipt.published_page_id).exists()
