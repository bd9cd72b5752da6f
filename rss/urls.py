from django.urls import path

from rss import views

app_name = "rss"
urlpatterns = [
    path("", views.feed_index, name="index"),
    path("<slug:slug>/", views.feed_detail, {"fmt": "rss"}, name="feed"),
    path("<slug:slug>/atom/", views.feed_detail, {"fmt": "atom"}, name="feed_atom"),
]
