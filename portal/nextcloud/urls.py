"""A member's files, included under /<language>/account/files/ and /account/files/ (see portal/urls.py)."""

from django.urls import path

from portal.nextcloud import views

app_name = "files"

urlpatterns = [
    path("", views.FilesView.as_view(), name="home"),
    path("browse/<str:root>/", views.FilesView.as_view(), name="browse-root"),
    path("browse/<str:root>/<path:subpath>/", views.FilesView.as_view(), name="browse"),
    path("download/<str:root>/<path:subpath>", views.DownloadView.as_view(), name="download"),
]
