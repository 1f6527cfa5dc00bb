"""Approved glossary terms beside the segments of wagtail-localize's editor (see glossary-hints.js)."""

from django import template
from django.utils.translation import gettext

from cms.translations.glossary import hints_for_translation

register = template.Library()


@register.inclusion_tag("translations/glossary_hints.html")
def glossary_hints(translation):
    language = translation.target_locale.get_display_name()
    hints = hints_for_translation(translation)
    return {
        "hints": {
            "language": translation.target_locale.language_code,
            "sourceLanguage": translation.source.locale.language_code,
            "labels": {
                "title": gettext("Glossary"),
                "approved": gettext("Approved in %(language)s:") % {"language": language},
                "missing": gettext("no approved translation in %(language)s yet") % {"language": language},
                "kept": gettext("or keep “%(text)s”"),
            },
            "segments": {
                str(segment_id): [
                    {"source": use.source_wording, "approved": use.approved, "kept": use.kept_short_form}
                    for use in uses
                ]
                for segment_id, uses in hints.items()
            },
        }
    }
