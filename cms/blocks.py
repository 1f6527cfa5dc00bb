"""StreamField blocks shared by handbook pages and governance documents."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail_localize.segments import StringSegmentValue

from cms.files import validate_reference

RICH_TEXT_FEATURES = ["bold", "italic", "link", "glossary-term", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"))
    level = blocks.ChoiceBlock(choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=[("note", _("Note")), ("warning", _("Warning"))], default="note")
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Text alternative"), help_text=_("What the image shows, for screen readers."))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")


class TranslatableTableBlock(TableBlock):
    """A table whose caption and cells wagtail-localize offers for translation.

    wagtail-localize skips block types it does not know; these two methods are the hooks it calls instead.
    """

    def get_translatable_segments(self, value):
        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row):
                if cell:
                    segments.append(StringSegmentValue(f"cell-{row_index}-{column_index}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        data = [list(row) for row in value.get("data") or []]
        restored = {**value, "data": data}
        for segment in segments:
            if segment.path == "caption":
                restored["table_caption"] = segment.render_text()
            else:
                _cell, row_index, column_index = segment.path.split("-")
                data[int(row_index)][int(column_index)] = segment.render_text()
        return restored

    class Meta:
        icon = "table"
        label = _("Table")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow", label=_("Paragraph"))
    quote = QuoteBlock()
    callout = CalloutBlock()
    image = FigureBlock()
    table = TranslatableTableBlock()


class FileReferencePathBlock(blocks.CharBlock):
    """A path in the co-op's NextCloud: the same in every language, so wagtail-localize does not offer it."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class NextcloudFileBlock(blocks.StructBlock):
    """A file in the co-op's NextCloud, shown only to readers who may open it (see cms/files.py)."""

    title = blocks.CharBlock(label=_("Title"), help_text=_("What the file is, as members will see it."))
    path = FileReferencePathBlock(
        label=_("Path in NextCloud"),
        help_text=_("In one of the co-op’s shared folders, e.g. “Co-op/Handbook/Statutes.pdf”."),
        validators=[validate_reference],
    )

    class Meta:
        icon = "doc-full"
        label = _("NextCloud file")


class HandbookBodyBlock(BodyBlock):
    """Handbook pages' bodies: the shared blocks and references to the co-op's files."""

    nextcloud_file = NextcloudFileBlock()
