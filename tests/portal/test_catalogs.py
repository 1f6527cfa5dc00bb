"""The UI catalogs: `make messages` keeps them in step with the code, and CI fails when one is incomplete."""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")


def test_the_committed_catalogs_are_complete_and_valid():
    call_command("update_catalogs", "--check")


@pytest.fixture
def project(tmp_path, settings):
    """A copy of the project's catalogs beside source trees holding strings that no catalog knows yet: one in
    portal/, one on an admin screen in cms/, and one in the demo content, which is not UI and stays out."""
    (tmp_path / "portal").mkdir()
    (tmp_path / "frontends" / "templates").mkdir(parents=True)
    (tmp_path / "cms" / "translations").mkdir(parents=True)
    (tmp_path / "cms" / "demo" / "content").mkdir(parents=True)
    (tmp_path / "portal" / "views.py").write_text(
        "from django.utils.translation import gettext as _\n\nGREETING = _('Welcome back, member')\n"
    )
    (tmp_path / "frontends" / "templates" / "page.html").write_text(
        "{% load i18n %}<p>{% translate 'Handbook' %}</p>\n"
    )
    (tmp_path / "cms" / "translations" / "views.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n\nTITLE = _('Pages waiting for a reviewer')\n"
    )
    (tmp_path / "cms" / "demo" / "content" / "toc.txt").write_text("{% load i18n %}{% translate 'Demo chapter' %}\n")
    shutil.copytree(Path(settings.LOCALE_PATHS[0]), tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    settings.BASE_DIR = tmp_path
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return tmp_path


def test_check_names_a_string_missing_from_the_catalogs_and_changes_nothing(project):
    before = (project / "locale/es/LC_MESSAGES/django.po").read_text()
    with pytest.raises(CommandError) as failure:
        call_command("update_catalogs", "--check")
    assert "es: 'Welcome back, member' (portal/views.py) is not in the catalog yet" in str(failure.value)
    assert "ar: 'Pages waiting for a reviewer' (cms/translations/views.py) is not in the catalog yet" in str(
        failure.value
    )
    assert "Demo chapter" not in str(failure.value)
    assert (project / "locale/es/LC_MESSAGES/django.po").read_text() == before


def test_write_adds_new_strings_drops_unused_ones_and_keeps_translations(project):
    call_command("update_catalogs", "--write")
    catalog = polib.pofile(str(project / "locale/es/LC_MESSAGES/django.po"))
    assert catalog.find("Welcome back, member").msgstr == ""
    assert catalog.find("Pages waiting for a reviewer").occurrences == [("cms/translations/views.py", "")]
    assert catalog.find("Demo chapter") is None
    assert catalog.find("Handbook").msgstr == "Manual"
    assert catalog.find("Skip to content") is None  # no longer used by these source trees
    with pytest.raises(CommandError, match="'Welcome back, member' .* is untranslated"):
        call_command("update_catalogs", "--check")


def test_a_fuzzy_or_broken_translation_fails_the_check(project):
    call_command("update_catalogs", "--write")
    for code in ("es", "fr", "de", "ar"):
        path = project / f"locale/{code}/LC_MESSAGES/django.po"
        catalog = polib.pofile(str(path))
        catalog.find("Welcome back, member").msgstr = "Bienvenue"
        catalog.find("Pages waiting for a reviewer").msgstr = "Pages en attente de relecture"
        catalog.save()
    call_command("update_catalogs", "--check")

    path = project / "locale/fr/LC_MESSAGES/django.po"
    catalog = polib.pofile(str(path))
    catalog.find("Welcome back, member").flags.append("fuzzy")
    catalog.save()
    with pytest.raises(CommandError, match="fr: 'Welcome back, member' .* is marked fuzzy"):
        call_command("update_catalogs", "--check")

    catalog.find("Welcome back, member").flags.remove("fuzzy")
    catalog.find("Welcome back, member").msgid = "%(name)s is back"
    catalog.find("%(name)s is back").msgstr = "%(nom)s est de retour"
    catalog.find("%(name)s is back").flags.append("python-format")
    catalog.save()
    with pytest.raises(CommandError, match="fr: msgfmt rejects the catalog"):
        call_command("update_catalogs", "--check")
