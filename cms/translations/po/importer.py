"""Import a language's PO file: validate every entry, then store it through wagtail-localize, all or nothing.

The file is checked whole before anything is written: its syntax and header (language, source language, charset,
plural forms), then each entry (its msgctxt names a string of this portal, the English text is still current, and
the translation keeps the placeholders and tags of the English and fits its field). Every problem is collected; if
there is one, nothing is written. Otherwise, in one transaction, for each object with changed strings: the strings
are stored as StringTranslations (the translation memory wagtail-localize's editor shows), and when every string of
the object is translated, the translation is created or updated with wagtail-localize (after syncing its snapshot of
the English, when that changed) and published as its source is: drafts stay drafts. Starting a translation or
syncing acts on the English source, which only users who may edit it do (as in wagtail-localize's own views,
cms/translations/localize_permissions.py); a translator's strings for such objects wait for an editor. Objects
without any changed string are not touched, so importing a file twice, or a file just exported, changes nothing.

Entries that carry nothing are skipped: untranslated ones, fuzzy ones (noted in the report), obsolete ones, and
untranslated entries whose English text has changed since the export.
"""

import re
from dataclasses import dataclass

import polib
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import (
    MissingTranslationError,
    String,
    StringSegment,
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from cms.locales import configured_codes, default_code
from cms.translations.permissions import user_can_edit_translation
from cms.translations.po.catalog import SourceObject, Unit, parse_msgctxt, source_objects
from cms.translations.po.checks import translation_problems
from cms.translations.po.export import current_translations
from cms.translations.po.header import SOURCE_LANGUAGE_HEADER, normalise_language, nplurals, plural_forms
from cms.translations.po.report import Change, ImportReport
from cms.translations.po.syntax import syntax_errors, syntax_message

CHARSET = re.compile(r"charset\s*=\s*([\w.-]+)", re.IGNORECASE)


@dataclass
class Plan:
    """What the import does to one object."""

    item: SourceObject
    changes: list[tuple[Unit, str]]
    untranslated: int
    waits_for_parent: bool
    publish: bool
    source_current: bool = True  # wagtail-localize's snapshot of the English holds exactly the strings of the file
    starts: bool = False  # the translation is created (or first handed to wagtail-localize) by this import
    may_sync: bool = True  # the user may start and sync translations of this object (an editor, not a translator)

    @property
    def ready(self) -> bool:
        return not self.untranslated and not self.waits_for_parent

    @property
    def held_for_editor(self) -> bool:
        return self.ready and (self.starts or not self.source_current) and not self.may_sync

    @property
    def syncs(self) -> bool:
        return self.ready and not self.held_for_editor

    def outcome(self) -> str:
        if self.untranslated:
            return ngettext(
                "strings saved; the translation waits for %(count)d more string",
                "strings saved; the translation waits for %(count)d more strings",
                self.untranslated,
            ) % {"count": self.untranslated}
        if self.waits_for_parent:
            return _("strings saved; the page waits for its parent page to be translated")
        if self.held_for_editor:
            return _("strings saved; an editor starts or syncs this translation to use them")
        if not isinstance(self.item.instance, Page | DraftStateMixin):
            return _("translation saved")
        if self.publish:
            return _("translation published")
        return _("translation saved as a draft, as its source is")


class _Rollback(Exception):
    pass


def import_language(content: bytes | str, *, language: str | None = None, user=None, dry_run=False) -> ImportReport:
    """Validate `content` (a PO file) and, unless there is a problem or `dry_run`, import it.

    `language` is the language the caller expects (the admin page's); the file's Language header decides otherwise.
    """
    report = ImportReport(dry_run=dry_run)
    po = parse(content, report)
    if po is None:
        return report
    locale = read_header(po, language, report)
    objects = source_objects(Locale.objects.get(language_code=default_code()))
    wanted = read_entries(po, objects, report)
    if locale is None:
        return report
    plans = make_plans(objects, wanted, locale, user, report)
    if report.problems:
        return report
    report.changes = [Change(plan.item.where, plan.item.label, len(plan.changes), plan.outcome()) for plan in plans]
    if not dry_run:
        apply(plans, locale, user, report)
    if report.problems:
        report.changes = []
    return report


def parse(content: bytes | str, report: ImportReport) -> polib.POFile | None:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            report.problem(_("the file is not UTF-8 (byte %(position)d)") % {"position": error.start})
            return None
    # polib reads a file from disk when given a string that is an existing path: a PO file has several lines.
    if "\n" not in content.strip():
        report.problem(_("this is not a PO file"))
        return None
    bad_lines = syntax_errors(content)
    for line in bad_lines:
        report.problem(syntax_message(), line=line)
    if bad_lines:
        return None
    try:
        return polib.pofile(content, wrapwidth=0)
    except (OSError, ValueError) as error:
        report.problem(_("PO syntax error: %(error)s") % {"error": error})
        return None


def read_header(po: polib.POFile, expected: str | None, report: ImportReport) -> Locale | None:
    header = po.metadata
    code = normalise_language(header.get("Language", ""))
    locale = None
    if not code:
        report.problem(_("the header names no Language"))
    elif code == default_code() or code not in configured_codes():
        report.problem(_("%(code)s is not a language the portal translates into") % {"code": code})
    elif expected and code != expected:
        report.problem(_("the file is in %(found)s, not %(expected)s") % {"found": code, "expected": expected})
    else:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            report.problem(_("%(code)s is not a language the portal translates into") % {"code": code})
    report.language = code or None
    source = header.get(SOURCE_LANGUAGE_HEADER)
    if source is not None and normalise_language(source) != default_code():
        report.problem(
            _("the file translates from %(found)s; the portal's source language is %(expected)s")
            % {"found": source, "expected": default_code()}
        )
    charset = CHARSET.search(header.get("Content-Type", ""))
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        report.problem(_("the header declares charset %(charset)s; only UTF-8 is read") % {"charset": charset.group(1)})
    if "Plural-Forms" in header and code:
        found, expected_forms = nplurals(header["Plural-Forms"]), nplurals(plural_forms(code))
        if found is None:
            report.problem(_("the Plural-Forms header states no nplurals"))
        elif expected_forms is not None and found != expected_forms:
            report.problem(
                _("Plural-Forms says nplurals=%(found)d; %(code)s has %(expected)d plural forms")
                % {"found": found, "code": code, "expected": expected_forms}
            )
    return locale if not report.problems else None


def read_entries(po: polib.POFile, objects: list[SourceObject], report: ImportReport) -> dict:
    """{object key: [(unit, translation)]} of every valid, translated, non-fuzzy entry; problems go to the report."""
    by_key = {item.key: item for item in objects}
    units: dict[str, dict[str, Unit]] = {}
    for item in objects:
        for unit in item.units:
            units.setdefault(unit.msgctxt, {})[unit.text] = unit
    wanted: dict = {}
    seen = set()
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum
        if entry.msgid_plural:
            report.problem(_("has plural forms; content strings have none"), string=entry.msgid, line=line)
            continue
        parsed = parse_msgctxt(entry.msgctxt)
        item = by_key.get(parsed[0]) if parsed else None
        if item is None:
            report.problem(
                _("msgctxt %(msgctxt)s names no page, glossary term or governance version of this portal")
                % {"msgctxt": entry.msgctxt or '""'},
                string=entry.msgid,
                line=line,
            )
            continue
        if (entry.msgctxt, entry.msgid) in seen:
            report.problem(_("appears twice in the file"), where=item.where, string=entry.msgid, line=line)
            continue
        seen.add((entry.msgctxt, entry.msgid))
        if not entry.msgstr:
            continue
        unit = units.get(entry.msgctxt, {}).get(entry.msgid)
        if unit is None:
            report.problem(
                _("the English text has changed since the file was exported: export again and merge (msgmerge)"),
                where=f"{item.where} {parsed[1]}",
                string=entry.msgid,
                line=line,
            )
            continue
        where = f"{item.where} {unit.field}"
        if "fuzzy" in entry.flags:
            report.note(_("fuzzy: not imported until the translation is confirmed"), where=where, string=unit.text)
            continue
        problems = translation_problems(unit.text, entry.msgstr) or length_problems(item.instance, unit, entry.msgstr)
        for message in problems:
            report.problem(message, where=where, string=unit.text, line=line)
        if not problems:
            wanted.setdefault(item.key, []).append((unit, entry.msgstr))
    return wanted


def length_problems(instance, unit: Unit, translation: str) -> list[str]:
    """A translated title, slug or other short field must fit its column, as the English one does."""
    try:
        model_field = instance._meta.get_field(unit.path)
    except FieldDoesNotExist:
        return []  # a string inside a StreamField or rich text: no length limit
    limit = getattr(model_field, "max_length", None)
    length = len(StringValue(translation).render_text())
    if limit and length > limit:
        return [
            _("the field holds at most %(limit)d characters; the translation has %(length)d")
            % {"limit": limit, "length": length}
        ]
    return []


def make_plans(objects: list[SourceObject], wanted: dict, locale: Locale, user, report: ImportReport) -> list[Plan]:
    """Which objects change, and whether their translations can be created or updated: pages need their parents,
    and only users who may edit the English (editors) start translations or sync them with a changed source."""
    translations = current_translations(locale)
    keys = [item.key for item in objects]
    translated = {}
    for model in {Page if isinstance(item.instance, Page) else type(item.instance) for item in objects}:
        in_locale = model.objects.filter(locale=locale, translation_key__in=keys)
        translated.update(in_locale.values_list("translation_key", "pk"))
    managed = dict(
        Translation.objects.filter(
            target_locale=locale, source__locale__language_code=default_code(), source__object_id__in=keys
        ).values_list("source__object_id", "enabled")
    )
    snapshots = source_snapshots(keys)
    pages_in_locale = {
        item.instance.path for item in objects if isinstance(item.instance, Page) and item.key in translated
    }
    plans = []
    for item in objects:
        changes = [
            (unit, text)
            for unit, text in wanted.get(item.key, [])
            if translations.get((item.key, unit.path, unit.text), (None,))[0] != text
        ]
        if not changes:
            continue
        if item.key in translated and managed.get(item.key) is not True:
            report.problem(
                _("this translation is edited outside wagtail-localize's editor; turn that editor back on for it first")
                if item.key in managed
                else _("this translation was not made with wagtail-localize; it cannot be updated from a PO file"),
                where=item.where,
                string=item.label,
            )
            continue
        if user is not None and item.key in translated and not may_edit(user, item, translated[item.key]):
            report.problem(_("you may not edit this translation"), where=item.where, string=item.label)
            continue
        changed = {(unit.path, unit.text) for unit, _text in changes}
        untranslated = sum(
            1 for unit in item.units if (unit.path, unit.text) not in changed and not usable(translations, unit)
        )
        parent = item.parent_path
        waits_for_parent = (
            parent is not None
            and item.key not in translated
            and len(parent) > Page.steplen  # below the root, which every language shares
            and parent not in pages_in_locale
        )
        plan = Plan(
            item,
            changes,
            untranslated,
            waits_for_parent,
            publish=getattr(item.instance, "live", True),
            source_current=snapshots.get(item.key) == {(unit.path, unit.text) for unit in item.units},
            starts=item.key not in translated or item.key not in managed,
        )
        if plan.ready and (plan.starts or not plan.source_current):
            plan.may_sync = user is None or user_can_edit_translation(user, item.instance)
        if plan.syncs and isinstance(item.instance, Page):
            pages_in_locale.add(item.instance.path)
        plans.append(plan)
    return plans


def source_snapshots(keys) -> dict:
    """{object key: {(content path, text)}}: the strings of wagtail-localize's last snapshot of each English object."""
    snapshots: dict = {}
    rows = StringSegment.objects.filter(
        source__object_id__in=keys, source__locale__language_code=default_code()
    ).values_list("source__object_id", "context__path", "string__data")
    for key, path, text in rows:
        snapshots.setdefault(key, set()).add((path, text))
    return snapshots


def may_edit(user, item: SourceObject, pk) -> bool:
    model = Page if isinstance(item.instance, Page) else type(item.instance)
    target = model.objects.get(pk=pk)
    return user_can_edit_translation(user, target.specific if isinstance(target, Page) else target)


def usable(translations: dict, unit: Unit) -> bool:
    """Whether wagtail-localize has a translation of the unit it would use (it skips erroneous ones)."""
    found = translations.get((unit.key, unit.path, unit.text))
    return found is not None and not found[1]


def apply(plans: list[Plan], locale: Locale, user, report: ImportReport):
    try:
        with transaction.atomic():
            for plan in plans:
                store_strings(plan, locale, user)
                if plan.syncs:
                    sync(plan, locale, user, report)
            if report.problems:
                raise _Rollback
    except _Rollback:
        pass


def store_strings(plan: Plan, locale: Locale, user):
    """Save the translations in wagtail-localize's translation memory, as its editor does: per English string and
    context. The English snapshot is not touched here, so saving strings changes nothing another language sees."""
    instance = plan.item.instance
    source_locale = instance.locale
    TranslatableObject.objects.get_or_create_from_instance(instance)
    for unit, text in plan.changes:
        context, _created = TranslationContext.objects.get_or_create(object_id=unit.key, path=unit.path)
        StringTranslation.objects.update_or_create(
            translation_of=String.from_value(source_locale, StringValue(unit.text)),
            locale=locale,
            context=context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "",
                "last_translated_by": user,
                "has_error": False,
                "field_error": "",
            },
        )


def sync(plan: Plan, locale: Locale, user, report: ImportReport):
    instance = plan.item.instance
    if plan.source_current:
        source = TranslationSource.objects.get_for_instance(instance)
    else:
        source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    draftable = isinstance(instance, Page | DraftStateMixin)
    try:
        with transaction.atomic():
            if isinstance(instance, Page):
                repair_child_count(instance, locale)
            # Pages and versions are saved as a draft and published here, inside the import's transaction: all or
            # nothing, and a page is saved from its current row (wagtail-localize's own publishing waits for the
            # commit and saves the page as it was loaded, before children this import adds to it).
            translated, _created = source.create_or_update_translation(
                locale, user=user, publish=not draftable, copy_parent_pages=False, fallback=False
            )
            if draftable and plan.publish:
                Revision.objects.get(pk=translated.latest_revision_id).publish(user=user)
    except ValidationError as error:
        for message in error.messages:
            report.problem(message, where=plan.item.where, string=plan.item.label)
    except PermissionDenied:
        report.problem(_("you may not publish this translation"), where=plan.item.where, string=plan.item.label)
    except (MissingTranslationError, ParentNotTranslatedError) as error:
        report.problem(str(error) or type(error).__name__, where=plan.item.where, string=plan.item.label)


def repair_child_count(page: Page, locale: Locale):
    """Correct the child count of the translated parent that a new translated page is added under.

    Tree paths of new children are numbered from the parent's `numchild`; a page published by wagtail-localize when
    a transaction commits is saved from the instance loaded before its children were added, with a count too low
    (as pages translated together with their parent are), and the next child would take an existing path.
    """
    if Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
        return
    parent = page.get_parent()
    if parent is None or parent.is_root():
        return
    translated_parent = parent.get_translation_or_none(locale)
    if translated_parent is None:
        return
    children = Page.objects.filter(path__startswith=translated_parent.path, depth=translated_parent.depth + 1).count()
    if children != translated_parent.numchild:
        Page.objects.filter(pk=translated_parent.pk).update(numchild=children)
