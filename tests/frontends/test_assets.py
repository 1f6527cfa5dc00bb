"""The front ends stay light, depend on the API only, and speak every language they claim to."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation.template import templatize

import frontends

ROOT = Path(__file__).resolve().parents[2]
APP = Path(frontends.__file__).parent
CATALOG_LANGUAGES = ["es", "fr", "de", "ar"]


def test_frontends_imports_no_portal_or_cms_code():
    """The import-linter contract in pyproject.toml: frontends/ reaches content only through GraphQL documents."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 (a fixed command of the project's own tools)
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_one_small_stylesheet_with_rtl_print_and_focus_styles():
    path = Path(finders.find("frontends/site.css"))
    css = path.read_text()
    assert path.stat().st_size < 30 * 1024
    assert "@media print" in css and ":focus-visible" in css and "margin-inline-start" in css
    assert "@import" not in css and "url(" not in css  # no external fonts or other downloads
    # Physical left/right would not mirror for right-to-left languages.
    assert not re.search(r"(margin|padding|border)-(left|right)|\b(left|right)\s*:|float:", css)


# Templates that may load a script, each with the reason and whether the page needs it. Everything else works
# without JavaScript. Scripts are files of our own (the Content-Security-Policy forbids inline code), deferred.
NEEDED, ENHANCEMENT = "needed", "enhancement"
SCRIPTED_TEMPLATES = {
    # A static export has no server to search: its search page searches an index in the browser, and says in a
    # <noscript> that search needs JavaScript there.
    "frontends/export/offline_search.html": ("search in a static export", NEEDED),
    # Glossary definitions open on hover and focus with CSS alone; only closing an open one with Escape (WCAG 2.2
    # SC 1.4.13) needs a script. Loaded by pages whose text links a glossary term.
    "frontends/includes/glossary_script.html": ("Escape closes a glossary definition", ENHANCEMENT),
}


def test_templates_load_no_scripts_or_external_resources():
    templates = {
        template.relative_to(APP / "templates").as_posix(): template for template in (APP / "templates").rglob("*.html")
    }
    assert set(SCRIPTED_TEMPLATES) <= set(templates)
    for name, template in templates.items():
        markup = template.read_text()
        assert not re.search(r'(src|href)="(https?:)?//', markup), template
        if name not in SCRIPTED_TEMPLATES:
            assert "<script" not in markup, template
            continue
        scripts = re.findall(r"<script\b[^>]*>", markup)
        assert scripts, template
        for script in scripts:
            assert re.search(r'src="[^"]+"', script) and " defer" in script, (template, script)  # no inline code
        noscript = re.search(r"<noscript>(.*?)</noscript>", markup, re.DOTALL)
        if SCRIPTED_TEMPLATES[name][1] == NEEDED:
            assert noscript and "JavaScript" in noscript.group(1), template
        else:
            assert noscript is None, template  # nothing to say: the page works the same without it


def catalog(code: str) -> polib.POFile:
    return polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))


def test_every_message_is_translated():
    for code in CATALOG_LANGUAGES:
        po = catalog(code)
        assert len(po) > 0
        for entry in po:
            if entry.msgid_plural:
                assert entry.msgstr_plural and all(entry.msgstr_plural.values()), (code, entry.msgid)
            else:
                assert entry.msgstr.strip(), (code, entry.msgid)
            assert "fuzzy" not in entry.flags, (code, entry.msgid)


LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
# gettext("...") and friends, in Python and in what templatize() makes of templates; for ngettext, the singular.
GETTEXT_CALL = re.compile(rf"\b(?:gettext|gettext_lazy|ngettext|ngettext_lazy)\(\s*({LITERAL})")


def messages_in(source: str) -> set[str]:
    return {ast.literal_eval(literal) for literal in GETTEXT_CALL.findall(source)}


def front_end_messages() -> set[str]:
    """Every msgid of frontends/, found as makemessages finds them (templates through Django's templatize)."""
    messages = set()
    for template in (APP / "templates").rglob("*.html"):
        messages |= messages_in(templatize(template.read_text(), origin=str(template)))
    for module in APP.rglob("*.py"):
        messages |= messages_in(module.read_text())
    return messages


def test_every_ui_string_of_the_front_ends_is_in_every_catalog():
    messages = front_end_messages()
    assert "Skip to content" in messages and "%(counter)s page links here" in messages
    for code in CATALOG_LANGUAGES:
        missing = messages - {entry.msgid for entry in catalog(code)}
        assert not missing, (code, missing)


def test_every_script_and_stylesheet_is_under_30_kb():
    assets = [*(APP / "static").rglob("*.css"), *(APP / "static").rglob("*.js")]
    assert assets
    for asset in assets:
        assert asset.stat().st_size < 30 * 1024, asset
