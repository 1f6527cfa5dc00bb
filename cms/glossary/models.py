"""Glossary terms: translatable snippets that handbook rich text links to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class GlossaryTermQuerySet(models.QuerySet):
    def in_locale(self, locale):
        return self.filter(locale=locale).order_by("term")


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    term = models.CharField(max_length=200, verbose_name=_("term"))
    slug = models.SlugField(
        max_length=200,
        allow_unicode=True,
        verbose_name=_("slug"),
        help_text=_("The same in every language, so that links and API look-ups work across languages."),
    )
    definition = models.TextField(verbose_name=_("definition"))
    # Related terms are language-neutral: set on the source term, read in any language via translation keys.
    related_terms = models.ManyToManyField("self", symmetrical=False, blank=True, verbose_name=_("related terms"))

    objects = GlossaryTermQuerySet.as_manager()

    override_translatable_fields = [SynchronizedField("slug")]
    panels = [FieldPanel("term"), FieldPanel("slug"), FieldPanel("definition"), FieldPanel("related_terms")]
    search_fields = [index.SearchField("term"), index.SearchField("definition"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_glossary_slug_per_locale")]

    def __str__(self):
        return self.term

    def related_in_locale(self):
        """Related terms in this term's language (read from the source term when this is a translation)."""
        source = self.get_translation(Locale.get_default()) if self.locale_id != Locale.get_default().pk else self
        keys = source.related_terms.values("translation_key")
        return GlossaryTerm.objects.filter(translation_key__in=keys, locale_id=self.locale_id).order_by("term")
