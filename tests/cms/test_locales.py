from cms.locales import configured_codes, direction, fallback_chain, native_name


def test_demo_languages_and_direction():
    assert configured_codes() == ["en", "es", "fr", "de", "ar"]
    assert direction("ar") == "rtl" and direction("es") == "ltr"
    assert native_name("de") == "Deutsch"


def test_every_language_falls_back_to_english_by_default():
    assert fallback_chain("es") == ["en"]
    assert fallback_chain("en") == []


def test_configured_chains_skip_languages_without_content(settings):
    settings.PORTAL_LANGUAGE_FALLBACKS = {"ar": ["fr"], "de": ["ca", "es"]}
    assert fallback_chain("ar") == ["fr", "en"]
    assert fallback_chain("de") == ["es", "en"]
