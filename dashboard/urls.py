from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("hoat-dong/", views.activity, name="activity"),
    path("tao-truong/", views.create, name="create"),
    path("lam-moi/", views.refresh_all, name="refresh_all"),
    path("xuat/<str:fmt>/", views.export, name="export"),
    path("truong/<slug:slug>/", views.detail, name="detail"),
    path("truong/<slug:slug>/lam-moi/", views.refresh, name="refresh"),
    path("truong/<slug:slug>/trang-thai/", views.set_status, name="set_status"),
    path("truong/<slug:slug>/dat-lai-mat-khau/", views.reset_password, name="reset_password"),
]
