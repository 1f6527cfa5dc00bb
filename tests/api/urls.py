"""The API view over the stand-in page schema (use with @pytest.mark.urls("tests.api.urls"))."""

from django.urls import path

from portal.api.view import PortalGraphQLView
from tests.api.page_schema import schema

urlpatterns = [path("graphql/", PortalGraphQLView.as_view(schema=schema))]
