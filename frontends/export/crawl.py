"""Reading the live sites as an anonymous reader would, and writing what was read as files.

The crawl asks the sites' own views for each page (Django's test client, no session: only public content), starting
from every handbook entry, search, the glossary and the governance documents, and follows every link it finds, so
earlier versions and comparisons come along. Pages are kept as rendered; only when everything is known are they
written, each link pointing at the file of what it links to, or left out when that is not in the export.
"""

import logging
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve
from django.utils import translation
from selectolax.lexbor import LexborHTMLParser

from frontends.export import links
from frontends.export.output import ExportError
from frontends.export.search_index import INDEX_NAME, build_index, index_entry, index_script, page_text
from frontends.presenters.languages import site_languages
from frontends.transport import TransportError, fetch

logger = logging.getLogger(__name__)

# A host name no real site has (RFC 6761): every address on it is the exported site's own.
HOST = "export.invalid"
SITE_PAGES = ("search/", "glossary/", "code-of-conduct/", "privacy-policy/")
# A list item that only holds a link to something left out of the export goes with it (e.g. a language not exported
# in the language switcher); other such links become plain text.
DROPPED_ELEMENTS = {"link", "img", "script", "source", "iframe", "video", "audio"}


@dataclass
class Target:
    kind: str  # root, page, switch, asset, generated, other
    path: str


class SiteCrawl:
    def __init__(self, languages: list[str], folder: Path):
        self.languages = languages
        self.folder = folder
        self.client = Client(HTTP_HOST=HOST)
        self.pages: dict[str, str] = {}  # site path -> rendered HTML
        self.handbook_pages: dict[str, list[str]] = defaultdict(list)  # language -> handbook paths, crawl order
        self.texts: dict[str, str] = {}  # handbook path -> its words, for the search index
        self.missing: set[str] = set()  # paths the sites do not serve to an anonymous reader
        self.redirects: dict[str, str] = {}
        self.switches: dict[str, str | None] = {}  # language switch address -> the page it leads to
        self.pending_switches: set[str] = set()  # switch addresses found, not known yet
        self.asset_paths: set[str] = set()
        self.assets: dict[str, str] = {}  # site path -> file, for assets found
        self.generated: dict[str, str] = {}  # site path -> file, for files the export makes
        self.navigation: dict[str, dict] = {}
        self.seconds: Counter = Counter()  # per language
        self.dropped: Counter = Counter()  # addresses left out, with how many links pointed at them
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.kinds: dict[str, str] = {}  # site path -> its kind (see kind_of)

    # Reading

    def crawl(self) -> None:
        for lang in self.languages:
            started = time.perf_counter()
            try:
                self.navigation[lang] = fetch("navigation", {"locale": lang}, anonymous_request())
            except TransportError as error:
                raise ExportError(f"The content API could not answer for {lang}: {error}") from error
            self.generated[f"/{lang}/search/{INDEX_NAME}"] = f"{lang}/search/{INDEX_NAME}"
            self.seconds[lang] += time.perf_counter() - started
            self.enqueue(f"/{lang}/")
            for name in SITE_PAGES:
                self.enqueue(f"/{lang}/{name}")
            for entry in self.navigation[lang]["handbook"]["entries"]:
                self.enqueue(f"/{lang}{entry['path']}")
        while True:
            while self.queue:
                path = self.queue.popleft()
                started = time.perf_counter()
                self.visit(path)
                self.seconds[language_of(path)] += time.perf_counter() - started
            # Switches that no page of their language answered (see follow()) are asked of the site; what they
            # lead to may be new.
            pending = sorted(self.pending_switches - self.switches.keys())
            self.pending_switches.clear()
            if not pending:
                break
            for address in pending:
                started = time.perf_counter()
                self.switches[address] = self.switch_target(address)
                self.seconds[switch_language(address)] += time.perf_counter() - started
        self.copy_assets()

    def enqueue(self, path: str) -> None:
        if path not in self.seen:
            self.seen.add(path)
            self.queue.append(path)

    def get(self, path: str, query: str = ""):
        address = quote(path) + (f"?{query}" if query else "")
        try:
            return self.client.get(address, secure=True)
        except Exception as error:
            raise ExportError(f"{path} could not be rendered: {error!r}") from error

    def visit(self, path: str) -> None:
        response = self.get(path)
        if response.status_code == 404:
            self.missing.add(path)
            return
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.classify(response["Location"], path)
            if target and target.kind == "page":
                self.redirects[path] = target.path
                self.enqueue(target.path)
            else:
                self.missing.add(path)
            return
        if response.status_code != 200:
            raise ExportError(f"{path} answered HTTP {response.status_code}; the export stops here.")
        markup = response.content.decode(response.charset or "utf-8")
        tree = LexborHTMLParser(markup)
        lang = language_of(path)
        if path == f"/{lang}/search/":
            add_offline_search(tree, lang)
            markup = tree.html
        for url in addresses_in(tree):
            self.follow(url, path)
        if self.is_handbook_page(path):
            self.handbook_pages[lang].append(path)
            self.texts[path] = page_text(tree)
        self.pages[path] = markup

    def follow(self, url: str, page_path: str) -> None:
        target = self.classify(url, page_path)
        if target is None:
            return
        if target.kind == "page":
            self.enqueue(target.path)
        elif target.kind == "asset":
            self.asset_paths.add(target.path)
        elif target.kind == "switch":
            # A page's switch to its own language leads back to it. The same switch is often on pages of other
            # languages (their fallback pages serve the same page), so asking the site waits until every page
            # has been read.
            if leads_back(target.path, page_path):
                self.switches[target.path] = page_path
            elif target.path not in self.switches:
                self.pending_switches.add(target.path)

    def classify(self, url: str, page_path: str) -> Target | None:
        """What an address on the site is; None for addresses that stay as they are (other sites, fragments)."""
        found = links.internal_path(url, page_path, HOST)
        if found is None:
            return None
        path, query, _fragment = found
        kind = self.kinds.get(path)
        if kind is None:
            kind = self.kinds[path] = self.kind_of(path)
        return Target(kind, f"{path}?{query}" if kind == "switch" and query else path)

    def kind_of(self, path: str) -> str:
        """What the site serves at `path`, as far as the export is concerned (pages repeat the same addresses, in
        the sidebar above all: classify() keeps the answers)."""
        if any(segment in (".", "..") for segment in path.split("/")):
            return "other"
        if path == "/":
            return "root"
        if path in self.generated:
            return "generated"
        if any(path.startswith(prefix) for prefix in local_prefixes()):
            return "asset"
        try:
            match = resolve(path)
        except Resolver404:
            return "asset" if "." in path.rsplit("/", 1)[-1] else "other"
        if match.view_name == "frontends:language":
            return "switch"
        if match.namespace == "frontends" and language_of(path) in self.languages:
            return "page"
        return "other"

    def switch_target(self, address: str) -> str | None:
        """Where the language switch leads from a page: the page in that language, as the site serves it."""
        path, _, query = address.partition("?")
        response = self.get(path, query)
        self.client.cookies.clear()  # the switch remembers the reader's choice; the crawl has none
        if response.status_code not in (301, 302, 303, 307, 308):
            return None
        target = self.classify(response["Location"], path)
        if target is None or target.kind not in ("page", "other"):
            return None
        if target.kind == "page":
            self.enqueue(target.path)
        return target.path  # a page of a language not exported is left out, but named in the report

    def is_handbook_page(self, path: str) -> bool:
        return resolve(path).view_name == "frontends:page"

    # Assets

    def copy_assets(self) -> None:
        """Copy every asset the pages use, and those their style sheets use, each named after its content; style
        sheets' links made relative (a style sheet's links to other style sheets are not followed)."""
        contents: dict[str, bytes] = {}
        pending = deque(sorted(self.asset_paths))
        seen = set(pending)
        while pending:
            path = pending.popleft()
            content = self.asset_content(path)
            if content is None:
                logger.warning("The export leaves out %s, which could not be found.", path)
                continue
            contents[path] = content
            if path.endswith(".css"):
                for url in links.css_urls(content.decode("utf-8")):
                    target = self.classify(url, path)
                    if (
                        target
                        and target.kind == "asset"
                        and target.path not in seen
                        and not target.path.endswith(".css")
                    ):
                        seen.add(target.path)
                        pending.append(target.path)
        style_sheets = [path for path in contents if path.endswith(".css")]
        for path, content in contents.items():
            if path not in style_sheets:
                self.assets[path] = links.hashed_file(path, content)
                self.write(self.assets[path], content)
        for path in style_sheets:
            folder_file = links.asset_file(path)  # the folder it is written to; only its name changes
            css = links.rewrite_css(
                contents[path].decode("utf-8"), lambda url, p=path, f=folder_file: self.address(url, f, p)
            )
            self.assets[path] = links.hashed_file(path, css.encode("utf-8"))
            self.write(self.assets[path], css)

    def asset_content(self, path: str) -> bytes | None:
        """An asset's bytes: static files from their finders or the collected files, media from storage, else
        whatever the site answers for the address."""
        static_url, media_url = settings.STATIC_URL, settings.MEDIA_URL
        if static_url.startswith("/") and path.startswith(static_url):
            name = path[len(static_url) :]
            found = finders.find(name)
            if found:
                return Path(found).read_bytes()
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as file:
                    return file.read()
            return None
        if media_url.startswith("/") and path.startswith(media_url):
            name = path[len(media_url) :]
            if default_storage.exists(name):
                with default_storage.open(name) as file:
                    return file.read()
            return None
        response = self.get(path)
        if response.status_code != 200:
            return None
        return response.getvalue()

    # Writing

    def write(self, file: str, content: str | bytes) -> None:
        target = self.folder / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)

    def write_all(self) -> None:
        for path, markup in self.pages.items():
            started = time.perf_counter()
            file = links.page_file(path)
            tree = LexborHTMLParser(markup)
            self.rewrite(tree, file, path)
            self.write(file, tree.html)
            self.seconds[language_of(path)] += time.perf_counter() - started
        for lang in self.languages:
            self.write_search_index(lang)
        self.write_language_list()

    def file_for(self, target: Target) -> str | None:
        """The exported file an address leads to, if the export has it."""
        if target.kind == "root":
            return "index.html"
        if target.kind == "generated":
            return self.generated[target.path]
        if target.kind == "asset":
            return self.assets.get(target.path)
        path = self.switches.get(target.path) if target.kind == "switch" else target.path
        path = self.redirects.get(path, path)
        return links.page_file(path) if path in self.pages else None

    def address(self, url: str, from_file: str, page_path: str) -> str | None:
        """The address of `url` in the file `from_file`: relative, or None when the export does not have it."""
        target = self.classify(url, page_path)
        if target is None:
            return url
        file = self.file_for(target)
        if file is None:
            self.dropped[(self.switches.get(target.path) if target.kind == "switch" else None) or target.path] += 1
            return None
        _path, query, fragment = links.internal_path(url, page_path, HOST)
        keep_query = target.kind == "page" and query  # search links carry their words; others need none
        return links.relative(from_file, file, query if keep_query else "", fragment)

    def rewrite(self, tree, file: str, page_path: str) -> None:
        def address(url):
            return self.address(url, file, page_path)

        for node in tree.css(links.LINKED):
            attributes = node.attributes
            for name in links.URL_ATTRIBUTES:
                if attributes.get(name) is None:
                    continue
                new = address(attributes[name])
                if new is None:
                    drop_link(node, name)
                    break
                node.attrs[name] = new
            else:
                for name in links.SRCSET_ATTRIBUTES:
                    if attributes.get(name):
                        node.attrs[name] = links.rewrite_srcset(attributes[name], address)
                if attributes.get("style") and "url(" in attributes["style"]:
                    node.attrs["style"] = links.rewrite_css(attributes["style"], address)
        for style in tree.css("style"):
            css = style.text()
            if "url(" in css:
                style.inner_html = links.rewrite_css(css, address)
        for nav in tree.css("nav"):  # e.g. the account's, whose sign-in link the copy cannot have
            if nav.css_first("a[href]") is None:
                nav.decompose()

    def write_search_index(self, lang: str) -> None:
        search_file = links.page_file(f"/{lang}/search/")
        entries = {f"/{lang}{entry['path']}": entry for entry in self.navigation[lang]["handbook"]["entries"]}
        pages = [
            index_entry(entries[path], links.relative(search_file, links.page_file(path)), self.texts[path])
            for path in self.handbook_pages[lang]
            if path in entries
        ]
        navigation = self.navigation[lang]
        index = build_index(lang, navigation["handbook"]["title"], site_languages(navigation["locales"]), pages)
        self.write(self.generated[f"/{lang}/search/{INDEX_NAME}"], index_script(index))

    def write_language_list(self) -> None:
        """The export's front page: each language, named in itself, with its handbook's title."""
        languages = []
        for lang in self.languages:
            navigation = self.navigation[lang]
            language = site_languages(navigation["locales"]).get(lang)
            languages.append(
                {
                    "code": lang,
                    "name": language.name if language else lang,
                    "dir": language.dir if language else "ltr",
                    "title": navigation["handbook"]["title"],
                    "href": f"/{lang}/",
                }
            )
        markup = render_to_string("frontends/export/languages.html", {"languages": languages, "first": languages[0]})
        tree = LexborHTMLParser(markup)
        self.rewrite(tree, "index.html", "/")
        self.write("index.html", tree.html)


def anonymous_request():
    request = RequestFactory(HTTP_HOST=HOST).get("/", secure=True)
    request.user = AnonymousUser()
    return request


def language_of(path: str) -> str:
    return path.lstrip("/").split("/", 1)[0]


def switch_language(address: str) -> str:
    """The language a switch address leads to: '/language/es/?page=3' -> 'es'."""
    return resolve(address.partition("?")[0]).kwargs["code"]


def leads_back(address: str, page_path: str) -> bool:
    """Whether the switch `address`, found on the page at `page_path`, leads to that page: a switch to the page's
    own language for that page (without ?page= a switch leads to the language's home)."""
    query = parse_qs(address.partition("?")[2])
    return "page" in query and switch_language(address) == language_of(page_path)


def local_prefixes() -> list[str]:
    return [prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix.startswith("/")]


def addresses_in(tree) -> list[str]:
    found = []
    for node in tree.css(links.LINKED):
        attributes = node.attributes
        found += [attributes[name] for name in links.URL_ATTRIBUTES if attributes.get(name)]
        found += [url for name in links.SRCSET_ATTRIBUTES for url in links.srcset_urls(attributes.get(name) or "")]
        found += links.css_urls(attributes.get("style") or "")
    for style in tree.css("style"):
        found += links.css_urls(style.text())
    return found


def drop_link(node, name: str) -> None:
    """Leave out a link to something the export does not have."""
    tag = node.tag
    if tag in DROPPED_ELEMENTS or tag == "form":  # a form that only a server could answer goes whole
        node.decompose()
    elif tag in ("a", "area"):
        parent = node.parent
        if parent is not None and parent.tag == "li" and only_child(parent, node):
            parent.decompose()
        else:
            node.unwrap()
    else:
        del node.attrs[name]


def only_child(parent, node) -> bool:
    children = list(parent.iter(include_text=True, skip_empty=True))
    return len(children) == 1 and children[0].mem_id == node.mem_id


def add_offline_search(tree, lang: str) -> None:
    """The search page of the copy: its form stays (it leads to this page with ?q=), the offline search script and
    the language's index come after it, and without JavaScript a note says how else to find a page."""
    with translation.override(lang):
        markup = render_to_string(
            "frontends/export/offline_search.html",
            {
                "home_url": f"/{lang}/",
                "glossary_url": f"/{lang}/glossary/",
                "index_url": f"/{lang}/search/{INDEX_NAME}",
            },
        )
    block = LexborHTMLParser(markup).css_first("div.offline-search")
    form = tree.css_first("main form[role=search]")
    if form is not None:
        form.insert_after(block)
    else:
        tree.css_first("main").insert_child(block)
