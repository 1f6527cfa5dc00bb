"""Pages of a whole language site, beside its handbook: search, the glossary and the governance documents.

Each is served at /<language>/<name>/ (or /<name>/ on a language's own host). A path that looks like one of them
but belongs to no language site is left to the handbook, which answers it or says it is not found.
"""

import functools

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext

from frontends.cache import cached_page
from frontends.presenters.glossary import glossary_terms
from frontends.presenters.governance import KINDS, compare, document_url, present_version, version_list
from frontends.presenters.languages import alternate_links, alternates, lang_attributes, name_in_sentence, switcher
from frontends.presenters.search import MAX_QUERY_LENGTH, PAGE_SIZE, search_results
from frontends.presenters.site import site_frame
from frontends.sites import SiteUrls
from frontends.transport import QueryError, fetch
from frontends.views.base import use_language
from frontends.views.errors import friendly_errors
from frontends.views.handbook import handbook_page


def site_page(prefix: str | None = None):
    """The view serves `/<prefix>/...` (by default `/<slug>/...`) of a language site; it gets the site's
    addresses and language."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            urls = SiteUrls(request)
            located = urls.locate()
            expected = prefix or kwargs.get("slug", "")
            if located is None or not located[1].startswith(f"/{expected}/"):
                return handbook_page(request, request.path_info.strip("/"))
            lang = located[0]
            use_language(request, lang)
            return friendly_errors(view)(request, urls, lang, *args, **kwargs)

        return wrapper

    return decorate


def not_found(request, context):
    return render(request, "frontends/not_found.html", context, status=404)


@site_page("search")
@cached_page
def search(request, urls: SiteUrls, lang: str):
    query = request.GET.get("q", "")
    after = request.GET.get("after", "") or None
    context = {"query": query, "results": None, "error": ""}
    data = None
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = "too_long"
    elif query.strip():
        variables = {"locale": lang, "query": query, "first": PAGE_SIZE, "after": after}
        try:
            data = fetch("search", variables, request)
        except QueryError:
            context["error"] = "bad_cursor" if after else "refused"
    if data is None:
        data = fetch("navigation", {"locale": lang}, request)
    frame = site_frame(data, lang, urls)
    context.update(frame, max_length=MAX_QUERY_LENGTH, length=len(query))
    if "search" in data:
        context.update(search_results(data, lang, urls, query, after))
    return render(request, "frontends/search.html", context)


@site_page("glossary")
@cached_page
def glossary(request, urls: SiteUrls, lang: str):
    data = fetch("glossary", {"locale": lang}, request)
    context = site_frame(data, lang, urls)
    context["terms"] = glossary_terms(data["glossary"], lang, context["languages"])
    titles = {}
    for code in context["languages"]:
        with translation.override(code):
            titles[code] = gettext("Glossary")
    switch_to_same_page(context, lang, urls, titles)
    # Every language site has its glossary: each is an alternate of the others.
    context["alternates"] = alternate_links(
        [(code, "/glossary/") for code in context["languages"]], context["languages"], urls
    )
    return render(request, "frontends/glossary.html", context)


def switch_to_same_page(context: dict, lang: str, urls: SiteUrls, titles: dict[str, str] | None = None) -> None:
    """The language switch of a page every language site has leads to that page in the other language."""
    context["switcher"] = switcher(context["languages"], lang, urls, to=urls.locate()[1], titles=titles)


def governance_context(data: dict, lang: str, urls, slug: str) -> dict:
    context = site_frame(data, lang, urls)
    switch_to_same_page(context, lang, urls)
    document = data.get("governanceDocument")
    if document is not None:
        context.update(
            document=document,
            document_slug=slug,
            document_url=document_url(lang, urls, slug),
            reader_language=name_in_sentence(lang, context["languages"]),
        )
    return context


def governance_languages(context: dict, version: dict, lang: str, urls: SiteUrls, indexed: bool = True) -> None:
    """The switch leads to the same page in every language, under the document's name there, and marks the
    languages the shown version is missing in (their site serves it from a fallback); the others are alternates."""
    languages, path = context["languages"], urls.locate()[1]
    context["switcher"] = switcher(languages, lang, urls, to=path, translations=version["translations"])
    if indexed:
        context["alternates"] = alternates(version, languages, urls, path)


@site_page()
@cached_page
def governance_document(request, urls: SiteUrls, lang: str, slug: str, label: str | None = None):
    if slug not in KINDS:
        raise Http404("No such document.")
    variables = {"locale": lang, "kind": KINDS[slug], "label": label or "", "byLabel": label is not None}
    data = fetch("governance", variables, request)
    context = governance_context(data, lang, urls, slug)
    document = context.get("document")
    version = document and (document.get("version") if label is not None else document.get("current"))
    if not version:
        return not_found(request, context)
    governance_languages(context, version, lang, urls)
    presented = present_version(version, lang, urls, context["languages"])
    context.update(
        version=presented,
        glossary_tips=presented["glossary_tips"],
        versions=version_list(document["versions"], lang, urls, slug, version["label"], context["languages"]),
    )
    return render(request, "frontends/governance.html", context)


@site_page()
@cached_page
def governance_compare(request, urls: SiteUrls, lang: str, slug: str, old: str, new: str):
    if slug not in KINDS:
        raise Http404("No such document.")
    variables = {"locale": lang, "kind": KINDS[slug], "old": old, "new": new}
    data = fetch("governance_compare", variables, request)
    context = governance_context(data, lang, urls, slug)
    document = context.get("document")
    if not document or not document.get("old") or not document.get("new"):
        return not_found(request, context)
    # The newer version's languages; no alternates, comparisons are not for search engines (noindex).
    governance_languages(context, document["new"], lang, urls, indexed=False)
    versions = [present_version(document[key], lang, urls, context["languages"]) for key in ("old", "new")]
    # The comparison is in the newer version's language: the reader's words and the older text are marked.
    reader_attrs = lang_attributes(lang, versions[1]["locale"], context["directions"])
    old_attrs = lang_attributes(versions[0]["locale"], versions[1]["locale"], context["directions"])
    context.update(
        old=versions[0],
        new=versions[1],
        rows=compare(document["old"]["body"], document["new"]["body"], reader_attrs, old_attrs),
        reader_attrs=reader_attrs,
        mixed_languages=versions[0]["locale"] != versions[1]["locale"],
    )
    return render(request, "frontends/governance_compare.html", context)
