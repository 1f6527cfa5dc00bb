"""The offline search's index: each handbook page of one language with its text, for the exported search page.

Written as a script (`search-index.js`, beside the search page) rather than JSON because a browser reading files
(file://) lets a page load scripts but not fetch JSON. The script frontends/static/frontends/offline-search.js
reads it; the strings it shows are the live search page's, translated here.
"""

import json

from django.utils import translation
from django.utils.translation import gettext

from frontends.presenters.languages import Language, name_in_sentence

INDEX_NAME = "search-index.js"
GLOBAL = "handbookSearchIndex"
# Text that is not the page's own words: its title (indexed apart), glossary tooltips, callout labels.
NOT_TEXT = "h1, .glossary-tip, .callout-label, .visually-hidden"


def page_text(tree) -> str:
    """The words of a rendered handbook page's article (summary and body), as plain text."""
    article = tree.css_first("main article")
    if article is None:
        return ""
    article = article.clone()
    for node in article.css(NOT_TEXT):
        node.decompose()
    return " ".join(article.text(separator=" ").split())


def index_entry(entry: dict, url: str, text: str) -> dict:
    """One page: `entry` is the page's entry of the handbook (the navigation document), `url` its address."""
    return {
        "title": entry["title"],
        "url": url,
        "locale": entry["locale"],
        "fallback": entry["isFallback"],
        "text": text,
    }


def build_index(lang: str, handbook_title: str, languages: dict[str, Language], pages: list[dict]) -> dict:
    with translation.override(lang):
        marks = {
            code: gettext("Not translated yet: in %(language)s") % {"language": name_in_sentence(code, languages)}
            for code in sorted({page["locale"] for page in pages if page["fallback"]})
        }
        strings = {
            "results": gettext("Results for “%(query)s”") % {"query": "{query}"},
            "none": gettext("Nothing in the handbook matches “%(query)s”. Try other or fewer words.")
            % {"query": "{query}"},
            "title": gettext("Search: %(query)s") % {"query": "{query}"},
        }
    return {
        "lang": lang,
        "handbook": handbook_title,
        "directions": {code: language.dir for code, language in languages.items()},
        "marks": marks,
        "strings": strings,
        "pages": pages,
    }


def index_script(index: dict) -> str:
    return f"window.{GLOBAL} = {json.dumps(index, ensure_ascii=False, separators=(',', ':'))};\n"


def read_index_script(script: str) -> dict:
    """The index held by a script written by index_script (for checks and tests)."""
    prefix = f"window.{GLOBAL} = "
    if not script.startswith(prefix):
        raise ValueError("Not a search index script.")
    return json.loads(script[len(prefix) :].rstrip().rstrip(";"))
