from wagtail import hooks

from disclosure.services import disclosure_section_ensure


@hooks.register("portal_ensure_school_sections", order=40)
def ensure_disclosure_section(home):
    """The "Ba công khai" section with the current school year's page (R5.1)."""
    disclosure_section_ensure(home=home)


@hooks.register("portal_load_demo_content")
def load_disclosure_demo(school):
    from disclosure.demo import load_demo_content

    load_demo_content(school)


@hooks.register("portal_audit_checks")
def audit_disclosure(school):
    from disclosure.checks import check_disclosure

    return check_disclosure(school)
