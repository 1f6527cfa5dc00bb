"""What an import found and did, for the admin page and the management command."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SHOWN_TEXT = 80


def shorten(text: str) -> str:
    return text if len(text) <= SHOWN_TEXT else text[: SHOWN_TEXT - 1] + "…"


@dataclass(frozen=True)
class Finding:
    """A problem or a note about one entry of the file, or about the file itself."""

    message: str
    where: str = ""  # the page, term or version and its field, e.g. "handbook/1-principles body.0.paragraph"
    string: str = ""  # the English text of the entry (or its msgctxt, when that names nothing known)
    line: int | None = None

    def __str__(self):
        parts = [self.where or (_("line %(line)d") % {"line": self.line} if self.line else _("file"))]
        if self.string:
            parts.append(f"“{shorten(self.string)}”")
        text = ": ".join([*parts, self.message])
        if self.line and self.where:
            text += " " + _("(line %(line)d)") % {"line": self.line}
        return text


@dataclass(frozen=True)
class Change:
    """What happens to one object: how many of its strings change, and what becomes of its translation."""

    where: str
    label: str
    strings: int
    outcome: str

    def __str__(self):
        count = ngettext("%(count)d string", "%(count)d strings", self.strings) % {"count": self.strings}
        return f"{self.where} ({self.label}): {count}; {self.outcome}"


@dataclass
class ImportReport:
    language: str | None = None
    dry_run: bool = False
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def strings_changed(self) -> int:
        return sum(change.strings for change in self.changes)

    def problem(self, message, **where):
        self.problems.append(Finding(str(message), **where))

    def note(self, message, **where):
        self.notes.append(Finding(str(message), **where))

    def summary(self) -> str:
        if self.problems:
            return ngettext(
                "%(count)d problem: nothing was imported.",
                "%(count)d problems: nothing was imported.",
                len(self.problems),
            ) % {"count": len(self.problems)}
        if not self.changes:
            return _("Nothing to import: every translation in the file is already in the portal.")
        values = {
            "strings": ngettext("%(count)d string", "%(count)d strings", self.strings_changed)
            % {"count": self.strings_changed},
            "objects": ngettext(
                "%(count)d page, term or document", "%(count)d pages, terms or documents", len(self.changes)
            )
            % {"count": len(self.changes)},
        }
        if self.dry_run:
            return _("The file is valid. Importing it would change %(strings)s of %(objects)s.") % values
        return _("Imported %(strings)s of %(objects)s.") % values

    def lines(self) -> list[str]:
        return [
            self.summary(),
            *(str(problem) for problem in self.problems),
            *(str(change) for change in self.changes),
            *(_("Note: %(note)s") % {"note": note} for note in self.notes),
        ]
