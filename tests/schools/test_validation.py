"""The <school><city>.edu.vn domain rule (R1.2, seeds 001 and 004)."""

import pytest

from schools.validation import domain_rule_problems


class DomainRuleTests:
    @pytest.mark.parametrize(
        "domain",
        [
            "thcsnguyendubinhtan.edu.vn",
            "thcsnguyendu.binhtan.edu.vn",
            "thcs-nguyen-du-binhtan.edu.vn",
        ],
    )
    def test_domains_that_follow_the_rule(self, domain):
        assert domain_rule_problems(domain, "thcs-nguyen-du", "binhtan") == []

    def test_each_missing_part_is_reported(self):
        problems = domain_rule_problems("nguyendu.com", "thcs-nguyen-du", "binhtan")
        assert len(problems) == 3
        assert any(".edu.vn" in p for p in problems)
        assert any("thcsnguyendu" in p for p in problems)
        assert any("binhtan" in p for p in problems)
