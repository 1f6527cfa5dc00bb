"""A strict line check of PO syntax, as msgfmt reads it.

polib forgives much (a msgstr without its opening quote loses its first letter and is read all the same), so a
file is checked line by line before polib reads it: every line is blank, a comment, a keyword with one quoted
string, or a quoted string that continues the one before.
"""

import re

from django.utils.translation import gettext as _

QUOTED = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9A-Fa-f]+)*"'
KEYWORD_LINE = re.compile(rf"(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{QUOTED}\s*")
CONTINUATION_LINE = re.compile(rf"\s*{QUOTED}\s*")
MAX_REPORTED = 20


def syntax_errors(text: str) -> list[int]:
    """The numbers of the lines that are not PO syntax (at most MAX_REPORTED)."""
    bad = []
    expects_continuation = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            expects_continuation = False
            continue
        if KEYWORD_LINE.fullmatch(line):
            expects_continuation = True
        elif not (expects_continuation and CONTINUATION_LINE.fullmatch(line)):
            bad.append(number)
            expects_continuation = False  # what follows a broken line continues nothing
            if len(bad) == MAX_REPORTED:
                break
    return bad


def syntax_message() -> str:
    return _("PO syntax error: a keyword with a quoted string, or a quoted string that continues one, was expected")
