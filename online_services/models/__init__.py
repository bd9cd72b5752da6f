"""Models of the online services (R6.2); see each module."""

from online_services.models.admissions import (
    DECIDED_STATUSES,
    AdmissionApplication,
    AdmissionCampaign,
    ApplicationAttachment,
    ApplicationStatus,
    CampaignDocument,
    Gender,
    Grade,
    Relationship,
)
from online_services.models.lookups import (
    PERIOD_ORDER,
    Diploma,
    DiplomaKind,
    DiplomaSet,
    LookupKind,
    LookupLog,
    Period,
    ResultSet,
    StudentResult,
)
from online_services.models.pages import AdmissionRegistrationPage, LookupPage
from online_services.models.settings import OnlineServicesSettings

__all__ = [
    "DECIDED_STATUSES",
    "PERIOD_ORDER",
    "AdmissionApplication",
    "AdmissionCampaign",
    "AdmissionRegistrationPage",
    "ApplicationAttachment",
    "ApplicationStatus",
    "CampaignDocument",
    "Diploma",
    "DiplomaKind",
    "DiplomaSet",
    "Gender",
    "Grade",
    "LookupKind",
    "LookupLog",
    "LookupPage",
    "OnlineServicesSettings",
    "Period",
    "Relationship",
    "ResultSet",
    "StudentResult",
]
