from django.urls import path

from backup import views

app_name = "backup"

urlpatterns = [
    path("", views.backup_index, name="index"),
    path("tao/<slug:slug>/", views.backup_request, name="request"),
    path("tai-ve/<int:job_id>/", views.backup_file, name="file"),
    path("khoi-phuc/<str:token>/", views.restore_confirm, name="confirm"),
]
