"""The checklist on a school filled with the demo content and on an empty one (R10.2)."""

from django_tenants.utils import schema_context
from wagtail import hooks

from dashboard.services import metrics_refresh


def _by_code(metrics) -> dict:
    return {check["code"]: check for check in metrics.checks}


class FullChecklistTests:
    def test_demo_school_passes_sections_and_disclosure_empty_school_does_not(
        self, school_a, school_b
    ):
        with schema_context(school_a.schema_name):
            for load in hooks.get_hooks("portal_load_demo_content"):
                load(school_a)
        full, empty = metrics_refresh(school=school_a), metrics_refresh(school=school_b)
        full_checks, empty_checks = _by_code(full), _by_code(empty)

        sections = [code for code in full_checks if code.startswith("section:")]
        assert len(sections) >= 10
        failing = {
            code: full_checks[code]["detail"] for code in sections if not full_checks[code]["ok"]
        }
        assert failing == {}
        disclosure = [code for code in full_checks if code.startswith("disclosure:")]
        assert len(disclosure) == 3
        assert all(full_checks[code]["ok"] for code in disclosure), [
            full_checks[c] for c in disclosure
        ]
        assert full_checks["feeds_healthy"]["ok"] is True
        assert "feedback_in_time" in full_checks

        assert empty_checks["section:tin-tuc"]["ok"] is False
        assert empty_checks["section:tin-tuc"]["detail"] == "Chuyên mục chưa có nội dung"
        assert not any(
            empty_checks[code]["ok"] for code in empty_checks if code.startswith("disclosure:")
        )
        assert empty.score < full.score
