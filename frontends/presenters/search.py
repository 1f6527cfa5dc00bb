"""Search results: pages matching the reader's words, with excerpts, those from a fallback language marked."""

from urllib.parse import urlencode

from frontends.presenters.languages import name_in_sentence

PAGE_SIZE = 10
# The API refuses longer search strings (PORTAL_API_MAX_SEARCH_LENGTH); the site says so before asking.
MAX_QUERY_LENGTH = 200


def search_results(data: dict, lang: str, urls, query: str, after: str) -> dict:
    """Results ready for the template, and the addresses of the next and first pages of results."""
    found = data.get("search") or {"results": [], "hasNextPage": False, "endCursor": None}
    languages = {}
    results = []
    for result in found["results"]:
        page = result["page"]
        results.append(
            {
                "title": page["title"],
                "href": urls.page(lang, page["path"]),
                "locale": page["locale"],
                "is_fallback": page["isFallback"],
                "language": name_in_sentence(page["locale"], languages) if page["isFallback"] else "",
                "excerpt": result["excerpt"],
            }
        )
    base = urls.page(lang, "/search/")
    next_url = None
    if found["hasNextPage"] and found["endCursor"]:
        next_url = f"{base}?{urlencode({'q': query, 'after': found['endCursor']})}"
    return {
        "results": results,
        "next_url": next_url,
        "first_url": f"{base}?{urlencode({'q': query})}" if after else None,
    }
