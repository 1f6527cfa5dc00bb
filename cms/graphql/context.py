"""Per-request state shared by every resolver of one response: the viewer and each language's book."""

from django.conf import settings

from cms.graphql.errors import BadRequest
from cms.handbook.book import Book, book_for
from cms.locales import configured_codes
from cms.visibility import Viewer


class ApiContext:
    def __init__(self, request):
        self.request = request
        self.viewer = Viewer(getattr(request, "user", None))
        self._memo: dict = {}

    def memo(self, key, build):
        """The value for `key` built once per request: e.g. one glossary per language, however many fields ask."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def book(self, locale: str) -> Book:
        return self.memo(("book", locale), lambda: book_for(locale, self.viewer))


def api_context(info) -> ApiContext:
    request = info.context
    context = getattr(request, "_portal_api_context", None)
    if context is None:
        context = ApiContext(request)
        request._portal_api_context = context
    return context


def require_locale(code: str) -> str:
    if code not in configured_codes():
        raise BadRequest(f"Unknown locale {code!r}. Known locales: {', '.join(configured_codes())}.")
    return code


def require_page_size(first: int | None, default: int = 20) -> int:
    size = default if first is None else first
    limit = settings.PORTAL_API_MAX_PAGE_SIZE
    if size < 0 or size > limit:
        raise BadRequest(f"`first` must be between 0 and {limit}; got {size}.")
    return size
