"""The frame every reader's page shares: languages, the handbook's title and its navigation sidebar."""

from django.utils.translation import gettext

from frontends.navigation import build_tree
from frontends.presenters.languages import Language, site_languages, switcher


def directions(languages: dict[str, Language]) -> dict[str, str]:
    return {code: language.dir for code, language in languages.items()}


def site_links(lang: str, urls) -> dict:
    """Pages of a whole language site that every page links to: search, glossary, governance documents, account."""
    return {
        "search_url": urls.page(lang, "/search/"),
        "glossary_url": urls.page(lang, "/glossary/"),
        "code_of_conduct_url": urls.page(lang, "/code-of-conduct/"),
        "privacy_policy_url": urls.page(lang, "/privacy-policy/"),
        "account_url": urls.page(lang, "/account/"),
        "governance_url": urls.page(lang, "/account/governance/"),
        "sign_in_url": urls.page(lang, "/account/sign-in/"),
        "sign_out_url": urls.page(lang, "/account/sign-out/"),
    }


def glossary_href(lang: str, urls):
    """The address of a term's entry on `lang`'s glossary page."""
    glossary = urls.page(lang, "/glossary/")
    return lambda slug: f"{glossary}#term-{slug}"


def site_frame(data: dict, lang: str, urls, current_path: str | None = None) -> dict:
    """Context for a page of `lang`'s site from an answer that holds `locales` and `handbook` (SiteFields)."""
    languages = site_languages(data.get("locales"))
    handbook = data.get("handbook") or {}
    language = languages.get(lang)
    return {
        "lang": lang,
        "dir": language.dir if language else "ltr",
        "languages": languages,
        "directions": directions(languages),
        "handbook_title": handbook.get("title") or gettext("Handbook"),
        "home_url": urls.page(lang, "/"),
        "nav": build_tree(handbook.get("entries", []), current_path, lambda path: urls.page(lang, path)),
        "switcher": switcher(languages, lang, urls),
        "viewer": data.get("viewer"),  # the signed-in reader, null for everyone else
        **site_links(lang, urls),
    }


def basic_frame(lang: str, urls) -> dict:
    """The frame without the API (error pages): languages as configured, no navigation."""
    languages = site_languages(None)
    return {
        "lang": lang,
        "dir": languages[lang].dir if lang in languages else "ltr",
        "languages": languages,
        "directions": directions(languages),
        "handbook_title": gettext("Handbook"),
        "home_url": urls.page(lang, "/"),
        "nav": [],
        "switcher": switcher(languages, lang, urls),
        **site_links(lang, urls),
    }
