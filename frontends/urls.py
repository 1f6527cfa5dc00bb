"""The readers' sites. Included last in the project's URLs, so every path the portal does not take is a reader's.

Routes of a whole site (the language switch, search, glossary and governance documents) come before the
handbook's catch-all, which serves /<language>/<path>/ (or /<path>/ on a language's own host). Site pages match
with or without a language prefix; their views leave paths no language site serves to the handbook.
"""

from django.urls import path, re_path

from frontends.views import feedback, handbook, language, site_pages

app_name = "frontends"

SITE = r"^(?:[^/]+/)?"
DOCUMENT = r"(?P<slug>code-of-conduct|privacy-policy)"
LABEL = r"[^/]+"

urlpatterns = [
    path("", handbook.home, name="home"),
    path("language/<str:code>/", language.switch_language, name="language"),
    path("feedback/suggest/", feedback.suggest_translation, name="feedback-suggest"),
    path("feedback/request/", feedback.request_translation, name="feedback-request"),
    re_path(SITE + r"search/$", site_pages.search, name="search"),
    re_path(SITE + r"glossary/$", site_pages.glossary, name="glossary"),
    re_path(SITE + DOCUMENT + r"/$", site_pages.governance_document, name="governance"),
    re_path(
        SITE + DOCUMENT + rf"/compare/(?P<old>{LABEL})/(?P<new>{LABEL})/$",
        site_pages.governance_compare,
        name="governance-compare",
    ),
    re_path(SITE + DOCUMENT + rf"/(?P<label>{LABEL})/$", site_pages.governance_document, name="governance-version"),
    path("<path:path>/", handbook.handbook_page, name="page"),
]
