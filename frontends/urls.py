"""The readers' sites. Included last in the project's URLs, so every path the portal does not take is a reader's.

Routes of a whole site (the language switch; later glossary, governance and search pages) come before the
handbook's catch-all, which serves /<language>/<path>/ (or /<path>/ on a language's own host).
"""

from django.urls import path

from frontends.views import handbook, language

app_name = "frontends"

urlpatterns = [
    path("", handbook.home, name="home"),
    path("language/<str:code>/", language.switch_language, name="language"),
    path("<path:path>/", handbook.handbook_page, name="page"),
]
