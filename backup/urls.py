from django.urls import path

from backup import views

app_name = "backup"

urlpatterns = [
    path("", views.backup_index, name="index"),
    path("tai-ve/<slug:slug>/", views.backup_download, name="download"),
    path("khoi-phuc/<str:token>/", views.restore_confirm, name="confirm"),
]
