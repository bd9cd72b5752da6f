"""Who on a school's board works the feedback and consultations (R7.1, R10.1).

Senders' personal data is shown only to the head, editors and administrators of the school
that received it: contributors get nothing, and every school's messages live in its own
schema, so another school's board cannot reach them at all.
"""

from __future__ import annotations

from siteplatform.provisioning import ROLE_ADMINISTRATOR, ROLE_EDITOR, ROLE_HEAD, permissions_grant

_WORK = ["view_feedbackmessage", "change_feedbackmessage", "view_consultationopinion"]
BOARD_PERMISSIONS: dict[str, list[str]] = {
    ROLE_HEAD: [
        *_WORK,
        "delete_feedbackmessage",
        "delete_consultationopinion",
        "change_feedbacksettings",
    ],
    ROLE_EDITOR: list(_WORK),
    ROLE_ADMINISTRATOR: [*_WORK, "change_feedbacksettings"],
}


def board_permissions_ensure() -> None:
    """Give the board's role groups their rights on the feedback models (idempotent)."""
    permissions_grant("feedback", BOARD_PERMISSIONS)
