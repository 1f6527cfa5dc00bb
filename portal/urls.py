from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.api.view import PortalGraphQLView
from portal.federation.mirror import receiver

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", PortalGraphQLView.as_view(graphiql=settings.DEBUG), name="graphql"),
    path("federation/webhook/<int:partner_id>/", receiver.webhook, name="federation_webhook"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own page serving stays last; readers use the front ends, this serves previews and "view live".
urlpatterns += [path("cms/", include(wagtail_urls))]

# A member's own pages (sign-in, account, tokens...) under a language site's prefix or without one.
urlpatterns += [re_path(r"^(?:(?P<lang>[^/]+)/)?account/files/", include("portal.nextcloud.urls"))]
urlpatterns += [re_path(r"^(?:(?P<lang>[^/]+)/)?account/", include("portal.members.urls"))]

# The readers' sites: / and every /<language>/ path not taken above (see frontends/urls.py).
urlpatterns += [path("", include("frontends.urls"))]

handler404 = "frontends.views.errors.page_not_found"
handler500 = "frontends.views.errors.server_error"
