"""Checks of one translated string against its English source: pure functions, no database.

Strings are wagtail-localize's: inline HTML where links and other tags with attributes are reduced to placeholders
such as <a id="a1">, and plain-text newlines are <br>. A translation must keep every tag of its source, balanced,
and every named placeholder, or the translated page would lose a link or show a broken template.
"""

import re
import string
from collections import Counter
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from wagtail_localize.strings import StringValue, validate_translation_links

# Only named %-placeholders count: in prose "50% of" is text, and gettext marks a string python-format only when
# it is a valid format string.
PERCENT_NAMED = re.compile(r"%\((\w+)\)[#0\- +]*(?:\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa]")
PERCENT_ANY = re.compile(r"%(?:%|\(\w+\)[#0\- +]*(?:\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa])")
BRACE_NAMED = re.compile(r"(?<!\{)\{(\w+)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
VOID_TAGS = {"br"}


def percent_placeholders(text: str) -> set[str]:
    return set(PERCENT_NAMED.findall(text))


def brace_placeholders(text: str) -> set[str]:
    return set(BRACE_NAMED.findall(text))


def is_python_format(text: str) -> bool:
    """True when `text` has named %-placeholders and every % in it is a placeholder or %%."""
    return bool(percent_placeholders(text)) and "%" not in PERCENT_ANY.sub("", text)


def is_python_brace_format(text: str) -> bool:
    """True when `text` has {name} placeholders and is a valid str.format() template with named fields only."""
    if not brace_placeholders(text):
        return False
    try:
        fields = [name for _text, name, _spec, _conversion in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return False
    return all(re.fullmatch(r"\w+", name) for name in fields)


def format_flags(source: str) -> list[str]:
    """gettext flags for a source string, so that `msgfmt --check-format` and translators' tools check them."""
    flags = []
    if is_python_format(source):
        flags.append("python-format")
    if is_python_brace_format(source):
        flags.append("python-brace-format")
    return flags


def placeholder_problems(source: str, translation: str) -> list[str]:
    problems = []
    for kind, find in (("%(name)s", percent_placeholders), ("{name}", brace_placeholders)):
        expected, found = find(source), find(translation)
        for name in sorted(expected - found):
            problems.append(_("placeholder %(placeholder)s is missing") % {"placeholder": kind.replace("name", name)})
        for name in sorted(found - expected):
            problems.append(
                _("placeholder %(placeholder)s is not in the English text")
                % {"placeholder": kind.replace("name", name)}
            )
    return problems


class _Tags(HTMLParser):
    """Collects opening tags as (name, id) and notes tags that are closed out of order or never closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.opened: Counter = Counter()
        self.errors: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.opened[self.describe(tag, attrs)] += 1
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.opened[self.describe(tag, attrs)] += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(_("</%(tag)s> closes a tag that is not open") % {"tag": tag})
            if tag in self.stack:
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]
            return
        self.stack.pop()

    def close(self):
        super().close()
        self.errors.extend(_("<%(tag)s> is never closed") % {"tag": tag} for tag in self.stack)

    @staticmethod
    def describe(tag, attrs) -> str:
        ids = [value for name, value in attrs if name == "id"]
        return f'<{tag} id="{ids[0]}">' if ids else f"<{tag}>"


def _tags(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


def markup_problems(source: str, translation: str) -> list[str]:
    """Every tag of the source, no more and no fewer, balanced; and what wagtail-localize itself would reject."""
    expected, found = _tags(source), _tags(translation)
    problems = list(found.errors)
    for tag, count in sorted((expected.opened - found.opened).items()):
        problems.append(_("%(tag)s is missing") % {"tag": tag} + (f" (×{count})" if count > 1 else ""))
    for tag, count in sorted((found.opened - expected.opened).items()):
        problems.append(_("%(tag)s is not in the English text") % {"tag": tag} + (f" (×{count})" if count > 1 else ""))
    if not problems:
        try:
            StringValue.from_translated_html(translation)
            validate_translation_links(source, translation)
        except ValueError as error:
            problems.append(str(error))
    return problems


def newline_problems(source: str, translation: str) -> list[str]:
    """gettext's own rule: a translation begins and ends with a newline exactly when its source does."""
    problems = []
    if source.startswith("\n") != translation.startswith("\n"):
        problems.append(_("the translation and the English text must both begin with a newline, or neither"))
    if source.endswith("\n") != translation.endswith("\n"):
        problems.append(_("the translation and the English text must both end with a newline, or neither"))
    return problems


def translation_problems(source: str, translation: str) -> list[str]:
    return [
        *newline_problems(source, translation),
        *placeholder_problems(source, translation),
        *markup_problems(source, translation),
    ]
