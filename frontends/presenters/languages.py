"""Languages as the reader sees them: names, writing direction, the language switcher and alternates."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from frontends import conf

# Languages whose writing puts language names in lower case inside a sentence ("el original en inglés").
LOWER_CASE_NAMES = {"ca", "es", "fr", "it", "pt"}


@dataclass
class Language:
    code: str
    name: str  # in the language itself, as the API gives it
    dir: str
    is_default: bool = False
    fallbacks: tuple[str, ...] = ()


def direction(code: str) -> str:
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


def lang_attributes(code: str, around: str, directions: dict[str, str]) -> str:
    """` lang="…" dir="…"` for text in `code` within text in `around` (WCAG 3.1.2); nothing when they agree."""
    if not code or code == around:
        return ""
    return format_html(' lang="{}" dir="{}"', code, directions.get(code, "ltr"))


def site_languages(locales: list[dict] | None) -> dict[str, Language]:
    """The sites' languages in configured order, described by the API (or by Django when the API is not at hand)."""
    described = {locale["code"]: locale for locale in locales or []}
    languages = {}
    for code in conf.languages():
        locale = described.get(code)
        if locale is not None:
            languages[code] = Language(
                code,
                locale["name"],
                locale["direction"].lower(),
                locale["isDefault"],
                tuple(locale["fallbacks"]),
            )
        elif locales is None:
            info = get_language_info(code) if code else {}
            languages[code] = Language(code, info.get("name_local", code), direction(code))
    return languages


def name_in_sentence(code: str, languages: dict[str, Language]) -> str:
    """The language's name in the reader's language, written as it is inside a sentence."""
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        return languages[code].name if code in languages else code
    return name.lower() if (get_language() or "").split("-")[0] in LOWER_CASE_NAMES else name


def source_language(languages: dict[str, Language]) -> str:
    return next((code for code, language in languages.items() if language.is_default), conf.default_language())


def switcher(
    languages: dict[str, Language],
    lang: str,
    urls,
    page: dict | None = None,
    to: str | None = None,
    titles: dict[str, str] | None = None,
    translations: list[dict] | None = None,
) -> list[dict]:
    """Every language, with this page's title in it; missing ones lead to the fallback the API serves there.

    Without a handbook `page`, `to` names a page every language site has (`/glossary/`), and `titles` its title in
    each language, or `translations` its title and status (a governance document's); without either the switch
    leads to each language's contents."""
    if translations is None:
        translations = page["translations"] if page else None
    versions = {version["locale"]: version for version in translations or []}
    items = []
    for code, language in languages.items():
        version = versions.get(code, {})
        status = (version.get("status") or ("MISSING" if translations is not None else "")).lower()
        item = {
            "code": code,
            "name": language.name,
            "dir": language.dir,
            "current": code == lang,
            "status": status,
            "title": version.get("title") or (titles or {}).get(code),
            "href": urls.switch(code, page["id"] if page else None, to),
        }
        if status == "missing":
            fallback = next((c for c in language.fallbacks if versions.get(c, {}).get("status") != "MISSING"), None)
            item["fallback_name"] = name_in_sentence(fallback, languages) if fallback else ""
        items.append(item)
    return items


def alternates(page: dict, languages: dict[str, Language], urls, path: str | None = None) -> list[dict]:
    """hreflang alternates: every language version that exists, and the source language's as x-default.

    `page` is a handbook page, each version at its own path, or anything else with `translations` at `path` in
    every language (a governance document)."""
    versions = [
        (version["locale"], path or version["path"])
        for version in page["translations"]
        if version["status"] != "MISSING" and version["locale"] in languages
    ]
    return alternate_links(versions, languages, urls)


def alternate_links(versions: list[tuple[str, str]], languages: dict[str, Language], urls) -> list[dict]:
    """hreflang alternates for these (language, path) versions, with the source language's as x-default."""
    links = [{"hreflang": code, "href": urls.absolute(code, path)} for code, path in versions]
    source = source_language(languages)
    default = next((link["href"] for link in links if link["hreflang"] == source), None)
    if default:
        links.append({"hreflang": "x-default", "href": default})
    return links
