"""StreamField bodies as typed GraphQL blocks: one type per block type."""

import graphene

from cms.graphql.richtext import RichTextRenderer


class BlockFields:
    id = graphene.String(required=True, description="Stable identity of the block within its body.")


class HeadingBlock(BlockFields, graphene.ObjectType):
    """A section heading inside a body."""

    text = graphene.String(required=True, description="Heading text.")
    level = graphene.Int(required=True, description="2 or 3, as in <h2> and <h3>.")


class ParagraphBlock(BlockFields, graphene.ObjectType):
    """Rich text: paragraphs or a list."""

    html = graphene.String(required=True, description="HTML; page links point at the reader's language.")


class QuoteBlock(BlockFields, graphene.ObjectType):
    """A quotation."""

    text = graphene.String(required=True, description="The quotation, plain text.")
    attribution = graphene.String(description="Who said it, if given.")


class CalloutKind(graphene.Enum):
    """How a callout is presented."""

    NOTE = "note"
    WARNING = "warning"

    @property
    def description(self):
        return {"NOTE": "Something worth knowing.", "WARNING": "Something to be careful about."}[self.name]


class CalloutBlock(BlockFields, graphene.ObjectType):
    """A note or warning set apart from the text."""

    kind = graphene.Field(CalloutKind, required=True, description="Note or warning.")
    html = graphene.String(required=True, description="HTML of the callout's text.")


class ImageBlock(BlockFields, graphene.ObjectType):
    """An image with its text alternative."""

    url = graphene.String(description="Address of the image file; null if the image was deleted.")
    width = graphene.Int(description="Width in pixels.")
    height = graphene.Int(description="Height in pixels.")
    alt_text = graphene.String(required=True, description="Text alternative for screen readers.")
    caption = graphene.String(description="Caption shown under the image.")


class TableBlock(BlockFields, graphene.ObjectType):
    """A table of plain-text cells."""

    caption = graphene.String(description="Table caption.")
    header = graphene.List(graphene.NonNull(graphene.String), description="Header cells, if the first row is one.")
    rows = graphene.List(
        graphene.NonNull(graphene.List(graphene.NonNull(graphene.String))), required=True, description="Body rows."
    )


class BodyBlock(graphene.Union):
    """One block of a page or document body."""

    class Meta:
        types = (HeadingBlock, ParagraphBlock, QuoteBlock, CalloutBlock, ImageBlock, TableBlock)


def rich_text_sources(bodies) -> list[str]:
    sources = []
    for body in bodies:
        for block in body:
            if block.block_type == "paragraph":
                sources.append(block.value.source)
            elif block.block_type == "callout":
                sources.append(block.value["text"].source)
    return sources


def serialise_body(body, renderer: RichTextRenderer) -> list:
    # StreamValue converts every block of a type at once, so all images of a body load in one query.
    blocks = []
    for block in body:
        kind, value, block_id = block.block_type, block.value, block.id
        if kind == "heading":
            blocks.append(HeadingBlock(id=block_id, text=value["text"], level=int(value["level"][1])))
        elif kind == "paragraph":
            blocks.append(ParagraphBlock(id=block_id, html=renderer.render(value.source)))
        elif kind == "quote":
            blocks.append(QuoteBlock(id=block_id, text=value["text"], attribution=value["attribution"] or None))
        elif kind == "callout":
            blocks.append(CalloutBlock(id=block_id, kind=value["kind"], html=renderer.render(value["text"].source)))
        elif kind == "image":
            image = value["image"]
            blocks.append(
                ImageBlock(
                    id=block_id,
                    url=image.file.url if image else None,
                    width=image.width if image else None,
                    height=image.height if image else None,
                    alt_text=value["alt_text"],
                    caption=value["caption"] or None,
                )
            )
        elif kind == "table":
            rows = [[cell or "" for cell in row] for row in value.get("data") or []]
            has_header = bool(value.get("first_row_is_table_header")) and rows
            blocks.append(
                TableBlock(
                    id=block_id,
                    caption=value.get("table_caption") or None,
                    header=rows[0] if has_header else None,
                    rows=rows[1:] if has_header else rows,
                )
            )
    return blocks
