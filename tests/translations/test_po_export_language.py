"""The PO file of a language reads the same whoever exports it, whatever language their admin speaks."""

from django.utils import translation

from cms.translations.po.export import export_language


def test_the_file_is_the_same_in_any_admin_language(small_demo):
    spanish = small_demo.locale("es")
    english_file = str(export_language(spanish))
    for admin_language in ("ar", "de"):
        with translation.override(admin_language):
            assert str(export_language(spanish)) == english_file
    assert "#. Handbook page: Spaces" in english_file
