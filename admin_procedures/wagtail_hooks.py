from wagtail import hooks

from admin_procedures.services import admission_page_ensure, procedure_section_ensure


@hooks.register("portal_ensure_school_sections", order=50)
def ensure_procedure_section(home):
    """The "Thủ tục – Biểu mẫu" section (R6.1)."""
    procedure_section_ensure(home=home)


@hooks.register("portal_ensure_school_sections", order=55)
def ensure_admission_page(home):
    """The "Tuyển sinh" page (R6.2)."""
    admission_page_ensure(home=home)


@hooks.register("portal_load_demo_content")
def load_procedure_demo(school):
    from admin_procedures.demo import load_demo_content

    load_demo_content(school)
