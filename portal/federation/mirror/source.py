"""What the partner's API answers, checked and turned into plain records. Pure: no I/O, no database."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from portal.federation.mirror.client import PullError
from portal.federation.mirror.html import body_html

# Pages of the partner that are themselves mirrors (of us, or of others): never mirrored again.
NOT_MIRRORED = {"MirroredPage", "PartnersPage"}
PATH = re.compile(r"^/(?:[\w-]+/)*$")


@dataclass(frozen=True)
class SourcePage:
    key: str  # the page's translation key on the partner's side
    locale: str
    path: str  # within the partner's handbook in that language, e.g. /1-principles/spaces/
    title: str
    summary: str
    html: str
    last_published_at: datetime | None
    source_url: str

    @property
    def parent_path(self) -> str | None:
        if self.path == "/":
            return None
        return self.path[: self.path.rstrip("/").rfind("/") + 1]

    @property
    def slug(self) -> str:
        return self.path.rstrip("/").rsplit("/", 1)[-1]


def require(condition: bool, what: str) -> None:
    if not condition:
        raise PullError(f"The partner's answer is malformed: {what}.")


def normalise_path(path: str | None) -> str:
    path = "/" + (path or "").strip().strip("/") + "/"
    path = "/" if path == "//" else path
    require(bool(PATH.match(path)), f"{path!r} is not a handbook path")
    return path


def parse_page(data, locale: str, base_url: str) -> SourcePage | None:
    """The page in `data` (a `page` answer); None when it is not this language's own version or is a mirror."""
    require(isinstance(data, dict), "a page is not an object")
    if data.get("isFallback") is not False or data.get("__typename") in NOT_MIRRORED:
        return None
    require(data.get("servedLocale") == locale, "a page is in another language than asked for")
    key = data.get("translationKey")
    try:
        uuid.UUID(str(key))
    except ValueError:
        require(False, f"{key!r} is not a translation key")
    title, summary = data.get("title"), data.get("summary")
    require(isinstance(title, str) and 0 < len(title) <= 255, "a page has no title or one too long")
    require(isinstance(summary, str), "a page's summary is not text")
    path = normalise_path(data.get("path") if isinstance(data.get("path"), str) else None)
    require(path == data["path"], "a page's path is not normalised")
    body = data.get("body")
    require(isinstance(body, list) and all(isinstance(block, dict) for block in body), "a page's body is not blocks")
    published = data.get("lastPublishedAt")
    try:
        published = datetime.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        require(False, f"{published!r} is not a time")
    site = base_url.rstrip("/")
    return SourcePage(
        key=str(key),
        locale=locale,
        path=path,
        title=title,
        summary=summary,
        html=body_html(body, site),
        last_published_at=published,
        source_url=f"{site}/{locale}{path}",
    )


@dataclass(frozen=True)
class Entry:
    """A page as the partner's handbook lists it: where it sits, in reading order."""

    key: str
    path: str


def parse_entries(handbook, section: str) -> list[Entry]:
    """The language's own pages (not fallbacks) of a `handbook` answer below `section`, in reading order: the
    partner's order of siblings is the order in which they come."""
    if handbook is None:
        return []
    require(isinstance(handbook, dict) and isinstance(handbook.get("entries"), list), "a handbook has no entries")
    entries = []
    for entry in handbook["entries"]:
        require(isinstance(entry, dict) and isinstance(entry.get("path"), str), "a handbook entry has no path")
        if entry.get("isFallback") is False and entry["path"].startswith(section) and entry["path"] != section:
            try:
                key = str(uuid.UUID(str(entry.get("translationKey"))))
            except ValueError:
                require(False, "a handbook entry has no translation key")
            entries.append(Entry(key=key, path=normalise_path(entry["path"])))
    return entries


def parse_changes(feed) -> tuple[list[dict], str | None, bool]:
    require(isinstance(feed, dict) and isinstance(feed.get("changes"), list), "the change feed has no changes")
    for change in feed["changes"]:
        require(
            isinstance(change, dict) and isinstance(change.get("kind"), str) and isinstance(change.get("locale"), str),
            "a change has no kind or language",
        )
        try:
            uuid.UUID(str(change.get("translationKey")))
        except ValueError:
            require(False, "a change has no translation key")
    cursor = feed.get("endCursor")
    require(cursor is None or isinstance(cursor, str), "the change feed's cursor is not text")
    return feed["changes"], cursor, bool(feed.get("hasMore"))


def parse_locales(locales) -> set[str]:
    require(
        isinstance(locales, list)
        and all(isinstance(item, dict) and isinstance(item.get("code"), str) for item in locales),
        "the languages are not a list of codes",
    )
    return {item["code"] for item in locales}
