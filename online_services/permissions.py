"""Who on a school's board works the online services (R6.2, R10.1).

The head imports results and diplomas, runs admission campaigns and decides applications;
editors import and review; administrators keep the settings and read the look-up log.
Contributors get nothing: they never see a child's or a parent's data. Every school's data
lives in its own schema, so another school's board cannot reach it at all.
"""

from __future__ import annotations

from siteplatform.provisioning import (
    ROLE_ADMINISTRATOR,
    ROLE_EDITOR,
    ROLE_HEAD,
    model_permissions_grant,
)

APP = "online_services"
_IMPORTS = ["resultset", "diplomaset"]
GRANTS: list[tuple[list[str], dict[str, list[str]]]] = [
    (
        _IMPORTS,
        {ROLE_HEAD: ["add", "change", "delete", "view"], ROLE_EDITOR: ["add", "change", "view"]},
    ),
    (
        ["admissioncampaign"],
        {ROLE_HEAD: ["add", "change", "delete", "view"], ROLE_EDITOR: ["view"]},
    ),
    (
        ["admissionapplication"],
        {ROLE_HEAD: ["change", "delete", "view"], ROLE_EDITOR: ["change", "view"]},
    ),
    (["lookuplog"], {ROLE_HEAD: ["view"], ROLE_ADMINISTRATOR: ["view"]}),
    (["onlineservicessettings"], {ROLE_HEAD: ["change"], ROLE_ADMINISTRATOR: ["change"]}),
]


def board_permissions_ensure() -> None:
    """Give the board's role groups their rights on the online services (idempotent)."""
    for models, actions in GRANTS:
        model_permissions_grant(APP, models, actions)
