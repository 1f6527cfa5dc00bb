"""What readers send, checked before anything is looked up or stored. The API reports these forms' errors field by
field; the messages are Django's own where it has one, so they come in the reader's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.locales import configured_codes

PASSAGE_MAX_LENGTH = 2000
SUGGESTION_MAX_LENGTH = 2000


def locale_choices():
    return [(code, code) for code in configured_codes()]


class PageInLocaleForm(forms.Form):
    locale = forms.ChoiceField(
        choices=locale_choices,
        error_messages={"invalid_choice": _("“%(value)s” is not one of this portal's languages.")},
    )
    translation_key = forms.UUIDField(required=False)


class SuggestionForm(PageInLocaleForm):
    page_id = forms.IntegerField(required=False, min_value=1)
    passage = forms.CharField(max_length=PASSAGE_MAX_LENGTH)
    suggestion = forms.CharField(max_length=SUGGESTION_MAX_LENGTH)

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("page_id", "translation_key") if self.data.get(name) not in (None, "")]
        if len(given) != 1:
            self.add_error(
                None,
                forms.ValidationError(
                    _("Name the page by its id or by its translation key (one of them)."), code="page"
                ),
            )
        passage, suggestion = cleaned.get("passage"), cleaned.get("suggestion")
        if passage and suggestion and " ".join(passage.split()) == " ".join(suggestion.split()):
            self.add_error(
                "suggestion", forms.ValidationError(_("The suggestion is the same as the passage."), code="unchanged")
            )
        return cleaned


class RequestForm(PageInLocaleForm):
    translation_key = forms.UUIDField()
