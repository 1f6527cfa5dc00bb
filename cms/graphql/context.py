"""Per-request state shared by every resolver of one response: the viewer and each language's book."""

from django.conf import settings

from cms.graphql.errors import BadRequest
from cms.handbook.book import Book
from cms.locales import configured_codes
from cms.visibility import Viewer


class ApiContext:
    def __init__(self, request):
        self.request = request
        self.viewer = Viewer(getattr(request, "user", None))
        self._books: dict[str, Book] = {}

    def book(self, locale: str) -> Book:
        if locale not in self._books:
            self._books[locale] = Book(locale, self.viewer)
        return self._books[locale]


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
