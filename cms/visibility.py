"""The one visibility rule for content: live, not expired, and not behind a view restriction the viewer fails.

Every entry point (API, feeds, search, sitemaps, static export) asks this module. View restrictions hold across
languages: a restriction on any language version of a page, or of one of its ancestors, restricts that page's
subtree in every language, including translations made before the restriction was added. Wagtail core only
looks at the page's own tree, so translations would otherwise stay public.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

from cms.cache import content_version


@dataclass(frozen=True)
class Restriction:
    path: str  # every page whose path starts with this is covered
    restriction_type: str
    group_ids: frozenset[int]

    def admits(self, user) -> bool:
        if self.restriction_type == PageViewRestriction.PASSWORD:
            return False  # shared passwords are not a membership rule: such pages never leave the CMS
        if user is None or not user.is_authenticated:
            return False
        if self.restriction_type == PageViewRestriction.GROUPS:
            return user.is_superuser or bool(self.group_ids & viewer_group_ids(user))
        return True


def viewer_group_ids(user) -> frozenset[int]:
    cached = getattr(user, "_visibility_group_ids", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("id", flat=True))
        user._visibility_group_ids = cached
    return cached


def all_restrictions() -> list[Restriction]:
    """Every restriction, spread over every language version of the restricted page (three queries)."""
    rows = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
    if not rows:
        return []
    by_key: dict = {}
    for row in rows:
        by_key.setdefault(row.page.translation_key, []).append(
            (row.restriction_type, frozenset(group.id for group in row.groups.all()))
        )
    versions = Page.objects.filter(translation_key__in=by_key).values_list("path", "translation_key")
    return [
        Restriction(path, restriction_type, group_ids)
        for path, key in versions
        for restriction_type, group_ids in by_key[key]
    ]


_restrictions_by_version: dict = {}


def current_restrictions() -> list[Restriction]:
    """all_restrictions(), read once per content version in each process (restriction changes move it on)."""
    if not settings.PORTAL_CONTENT_MEMO:
        return all_restrictions()
    version = content_version()
    if version not in _restrictions_by_version:
        _restrictions_by_version.clear()
        _restrictions_by_version[version] = all_restrictions()
    return _restrictions_by_version[version]


def hidden_prefixes(user) -> list[str]:
    """Tree paths whose subtrees this viewer may not see."""
    prefixes = sorted({r.path for r in current_restrictions() if not r.admits(user)})
    # Drop prefixes covered by a shorter one: fewer OR clauses in the query.
    kept: list[str] = []
    for prefix in prefixes:
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return kept


def visible_pages(queryset: QuerySet | None = None, user=None, hidden: list[str] | None = None) -> QuerySet:
    """Narrow a page queryset to what `user` (None or anonymous: the public) may read.

    `hidden` may pass prefixes already computed for this viewer (see Viewer), saving their queries.
    """
    queryset = Page.objects.all() if queryset is None else queryset
    queryset = queryset.filter(live=True).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    hidden = hidden_prefixes(user) if hidden is None else hidden
    if hidden:
        excluded = Q()
        for prefix in hidden:
            excluded |= Q(path__startswith=prefix)
        queryset = queryset.exclude(excluded)
    return queryset


class Viewer:
    """One viewer's visibility, worked out once per request and reused by every field of a response."""

    def __init__(self, user=None):
        self.user = user if user is not None and user.is_authenticated else None

    @cached_property
    def hidden(self) -> list[str]:
        return hidden_prefixes(self.user)

    def pages(self, queryset: QuerySet | None = None) -> QuerySet:
        return visible_pages(queryset, self.user, self.hidden)

    @property
    def is_anonymous(self) -> bool:
        return self.user is None


def is_visible(page: Page, user=None) -> bool:
    return visible_pages(Page.objects.filter(pk=page.pk), user).exists()


def restrictions_for(page: Page) -> QuerySet:
    """The view restrictions that cover `page`: on it, its ancestors, or any language version of those."""
    keys = Page.objects.ancestor_of(page, inclusive=True).values("translation_key")
    return PageViewRestriction.objects.filter(page__translation_key__in=keys)
