from django.urls import path

from dispatch import views

operator_patterns = (
    [
        path("", views.operator_list, name="list"),
        path("gui/", views.operator_send, name="send"),
        path("<int:pk>/", views.operator_detail, name="detail"),
        path("<int:pk>/tep/<int:file_id>/", views.operator_file, name="file"),
    ],
    "dispatch_operator",
)

inbox_patterns = (
    [
        path("", views.inbox, name="list"),
        path("<int:dispatch_id>/", views.inbox_detail, name="detail"),
        path("<int:dispatch_id>/da-xem/", views.inbox_acknowledge, name="acknowledge"),
        path("<int:dispatch_id>/tep/<int:file_id>/", views.inbox_file, name="file"),
    ],
    "dispatch_inbox",
)
