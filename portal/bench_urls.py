"""The portal's URLs plus Wagtail's REST API v2 pages endpoint at /api/v2/, for the benchmark only (bench/).

The handbook models declare no `api_fields`, so v2 would serve titles only; here they get the fields the GraphQL
API serves. v2 keeps `parent` to detail views; the tree needs it in listings, one query per page.
"""

from django.urls import include, path
from wagtail.api.conf import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.handbook.models import HandbookIndexPage, HandbookPage, HandbookSectionPage

for model in (HandbookIndexPage, HandbookSectionPage, HandbookPage):
    model.api_fields = [APIField("summary"), APIField("keywords"), APIField("body")]


class BenchPagesAPIViewSet(PagesAPIViewSet):
    detail_only_fields = []


api = WagtailAPIRouter("wagtailapi")
api.register_endpoint("pages", BenchPagesAPIViewSet)

urlpatterns = [path("api/v2/", api.urls), path("", include("portal.urls"))]
