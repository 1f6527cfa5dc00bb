"""Versioned governance documents: exactly one current version; earlier versions stay readable."""

from datetime import date

from cms.governance.models import DocumentKind, GovernanceVersion


def labels(versions):
    return [version.version_label for version in versions]


def test_current_version_is_the_latest_in_force(small_demo):
    current = GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, small_demo.locale("en"))
    assert current.version_label == "2.0"
    assert current.is_current()


def test_a_version_scheduled_ahead_takes_over_on_its_date(small_demo):
    en = small_demo.locale("en")
    assert GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, en, date(2099, 1, 1)).version_label == "3.0"
    assert GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, en, date(2024, 1, 1)).version_label == "1.0"
    assert GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, en, date(2023, 1, 1)) is None


def test_exactly_one_version_is_current(small_demo):
    versions = GovernanceVersion.objects.filter(kind=DocumentKind.CODE_OF_CONDUCT, locale=small_demo.locale("en"))
    assert [version.is_current() for version in versions].count(True) == 1


def test_earlier_versions_stay_readable_by_label(small_demo):
    en = small_demo.locale("en")
    assert labels(GovernanceVersion.objects.history(DocumentKind.CODE_OF_CONDUCT, en)) == ["2.0", "1.0"]
    first = GovernanceVersion.objects.of_kind(DocumentKind.CODE_OF_CONDUCT, en).get(version_label="1.0")
    assert "Be kind in every space." in str(first.body[0].value)
    current = GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, en)
    assert current.previous_version().pk == first.pk


def test_a_draft_version_is_never_current(small_demo):
    draft = GovernanceVersion.objects.create(
        kind=DocumentKind.PRIVACY_POLICY,
        version_label="2.0",
        effective_date=date(2025, 1, 1),
        change_summary="Draft.",
        body=[],
        locale=small_demo.locale("en"),
        live=False,
    )
    current = GovernanceVersion.objects.current(DocumentKind.PRIVACY_POLICY, small_demo.locale("en"))
    assert current.version_label == "1.0"
    assert not draft.is_current()


def test_translations_are_versions_in_their_language(small_demo):
    es = small_demo.locale("es")
    current = GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, es)
    assert current.version_label == "2.0"
    assert current.change_summary == "Añade las sesiones grabadas."
    english = GovernanceVersion.objects.current(DocumentKind.CODE_OF_CONDUCT, small_demo.locale("en"))
    assert current.translation_key == english.translation_key
    # Only 2.0 was translated: Spanish readers find no Spanish 1.0 and fall back to English for it.
    assert labels(GovernanceVersion.objects.history(DocumentKind.CODE_OF_CONDUCT, es)) == ["2.0"]
