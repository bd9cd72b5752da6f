"""Result and diploma look-ups: exact match of both factors, one student, no cache (R6.2)."""

from __future__ import annotations

import unicodedata

from online_services.models import LookupKind, LookupLog, Period
from online_services.security import code_hash
from tests.online_services.conftest import DIPLOMAS_URL, RESULTS_URL

NOT_FOUND = "Không tìm thấy kết quả nào khớp"


def _look(client, code="7925031207", birth="05/09/2013", address="192.0.2.1", **extra):
    data = {"student_code": code, "birth_date": birth, **extra}
    return client.post(RESULTS_URL, data, REMOTE_ADDR=address)


class ResultLookupTests:
    def test_right_code_and_birth_date_show_that_student_only(self, client_a, import_results):
        import_results()
        import_results(period=Period.YEAR)
        response = _look(client_a)
        body = response.content.decode()
        assert response.status_code == 200
        assert "Nguyễn Ngọc Bảo Anh" in body and "Mã học sinh 7925031207" in body
        assert "Học kỳ I – năm học 2025–2026" in body and "Cả năm – năm học 2025–2026" in body
        assert body.index("Cả năm") < body.index("Học kỳ I –")  # the whole year first
        assert "9,2" in body and "Học sinh Xuất sắc" in body and "Đạt" in body
        # Nobody else of the class appears.
        assert "Trần Gia Huy" not in body and "Lê Thị Mỹ Duyên" not in body
        assert "7925031208" not in body

    def test_code_typed_loosely_still_matches_exactly(self, client_a, import_results):
        import_results()
        body = _look(client_a, code=" 79 2503 1207 ", birth="5-9-2013").content.decode()
        assert "Nguyễn Ngọc Bảo Anh" in body

    def test_wrong_birth_date_and_unknown_code_give_the_same_not_found(
        self, client_a, import_results
    ):
        import_results()
        wrong_birth = _look(client_a, birth="06/09/2013")
        unknown = _look(client_a, code="7925039999")
        for response in (wrong_birth, unknown):
            body = response.content.decode()
            assert response.status_code == 200
            assert NOT_FOUND in body and "Nguyễn Ngọc Bảo Anh" not in body
        assert wrong_birth.content.decode().count(NOT_FOUND) == 1

    def test_no_partial_match_and_no_listing(self, client_a, import_results):
        import_results()
        for code in ("792503120", "7925031", "%", "*", "79250312%"):
            assert NOT_FOUND in _look(client_a, code=code).content.decode(), code

    def test_both_factors_are_required(self, client_a, import_results):
        import_results()
        response = _look(client_a, birth="")
        assert response.status_code == 400
        assert "Vui lòng nhập ngày sinh của học sinh." in response.content.decode()
        response = _look(client_a, code="")
        assert "Vui lòng nhập mã học sinh." in response.content.decode()
        assert "Nguyễn Ngọc Bảo Anh" not in response.content.decode()

    def test_query_string_is_not_a_lookup(self, client_a, import_results):
        import_results()
        response = client_a.get(
            RESULTS_URL, {"student_code": "7925031207", "birth_date": "05/09/2013"}
        )
        assert response.status_code == 200
        assert "Nguyễn Ngọc Bảo Anh" not in response.content.decode()

    def test_unpublished_set_is_not_shown(self, client_a, import_results):
        import_results(published=False)
        assert NOT_FOUND in _look(client_a).content.decode()

    def test_answers_are_private_and_not_stored_by_the_page_cache(
        self, client_a, import_results, page_cache
    ):
        import_results()
        for response in (client_a.get(RESULTS_URL), _look(client_a), client_a.get("/tra-cuu/")):
            assert response["Cache-Control"] == "private, no-store"
            assert "X-Page-Cache" not in response
        assert 'name="robots" content="noindex"' in _look(client_a).content.decode()

    def test_every_lookup_is_logged_without_what_was_typed(
        self, client_a, school_a, in_school, import_results
    ):
        import_results()
        _look(client_a, address="203.0.113.20")
        _look(client_a, birth="01/01/2013", address="203.0.113.20")
        with in_school(school_a):
            logs = list(LookupLog.objects.order_by("created_at").values())
        assert [log["found"] for log in logs] == [True, False]
        assert {log["code_hash"] for log in logs} == {code_hash(LookupKind.RESULTS, "7925031207")}
        assert all(log["client_ip"] == "203.0.113.20" for log in logs)
        stored = " ".join(str(value) for log in logs for value in log.values())
        assert "7925031207" not in stored and "2013" not in stored.split("created_at")[0]

    def test_honeypot_learns_nothing_and_stores_nothing(
        self, client_a, school_a, in_school, import_results
    ):
        import_results()
        body = _look(client_a, website="http://spam.example").content.decode()
        assert "Nguyễn Ngọc Bảo Anh" not in body and NOT_FOUND in body
        with in_school(school_a):
            assert not LookupLog.objects.exists()


class DiplomaLookupTests:
    def _look(self, client, **data):
        return client.post(DIPLOMAS_URL, {"number": "THCS 0250317", **data})

    def test_number_and_name_without_diacritics_or_case(self, client_a, import_diplomas):
        import_diplomas()
        for name in (
            "Trần Minh Khôi",
            "tran minh khoi",
            "TRẦN  MINH KHÔI",
            unicodedata.normalize("NFD", "Trần Minh Khôi"),
        ):
            body = self._look(client_a, holder_name=name).content.decode()
            assert "Bằng tốt nghiệp trung học cơ sở" in body, name
            assert "21/06/2010" in body and "Khá" in body and "TN-2025/0317" in body
            assert "Đặng Thị Ánh Tuyết" not in body

    def test_number_and_birth_date(self, client_a, import_diplomas):
        import_diplomas()
        body = self._look(client_a, number="thcs0250317", birth_date="21/06/2010").content.decode()
        assert "Trần Minh Khôi" in body

    def test_wrong_name_or_birth_date_finds_nothing(self, client_a, import_diplomas):
        import_diplomas()
        for data in (
            {"holder_name": "Trần Minh"},
            {"birth_date": "22/06/2010"},
            {"holder_name": "Trần Minh Khôi", "birth_date": "22/06/2010"},
        ):
            body = self._look(client_a, **data).content.decode()
            assert "Không tìm thấy văn bằng" in body and "os-answer" not in body, data
            assert "21/06/2010" not in body and "TN-2025/0317" not in body

    def test_number_alone_is_refused(self, client_a, import_diplomas):
        import_diplomas()
        response = self._look(client_a)
        assert response.status_code == 400
        body = response.content.decode()
        assert "Vui lòng nhập thêm họ và tên hoặc ngày sinh" in body
        assert "Trần Minh Khôi" not in body


class CaptchaTests:
    """The school's CAPTCHA switch for public forms covers the look-ups too."""

    def test_lookup_needs_the_answer_when_the_school_switched_it_on(
        self, client_a, school_a, in_school, import_results
    ):
        import re

        from wagtail.models import Site

        from feedback.models import FeedbackSettings

        import_results()
        with in_school(school_a):
            settings = FeedbackSettings.for_site(Site.objects.get(is_default_site=True))
            settings.captcha_enabled = True
            settings.save()
        refused = _look(client_a)
        assert refused.status_code == 400 and "Nguyễn Ngọc Bảo Anh" not in refused.content.decode()
        body = client_a.get(RESULTS_URL).content.decode()
        token = re.search(r'name="captcha_token" value="([^"]+)"', body).group(1)
        left, right = map(int, re.search(r"Mã xác nhận: (\d) \+ (\d) bằng mấy\?", body).groups())
        answered = _look(client_a, captcha_token=token, captcha_answer=str(left + right))
        assert "Nguyễn Ngọc Bảo Anh" in answered.content.decode()
