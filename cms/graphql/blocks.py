"""StreamField bodies as typed GraphQL blocks: one type per block type."""

import graphene

from cms.files import FileAccess as FileAccessValue
from cms.files import look_up_file
from cms.graphql.context import api_context
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


class FileAccess(graphene.Enum):
    """What this reader gets of a file reference."""

    AVAILABLE = FileAccessValue.AVAILABLE.value
    SIGN_IN = FileAccessValue.SIGN_IN.value
    HIDDEN = FileAccessValue.HIDDEN.value
    UNAVAILABLE = FileAccessValue.UNAVAILABLE.value

    @property
    def description(self):
        return {
            "AVAILABLE": "The reader may open the file: `file` describes it.",
            "SIGN_IN": "The reader is not signed in, and members may see a file here: offer to sign in.",
            "HIDDEN": "The reader may not see this file (or it is gone): show nothing.",
            "UNAVAILABLE": "The reader may see the file, but files are unavailable right now: say so.",
        }[self.name]


class NextcloudFile(graphene.ObjectType):
    """A file in the co-op's NextCloud, as one reader who may open it sees it."""

    name = graphene.String(required=True, description="File name.")
    size = graphene.Int(description="Size in bytes, if known.")
    modified = graphene.DateTime(description="When the file last changed, if known.")
    content_type = graphene.String(required=True, description="The file's media type.")
    download_url = graphene.String(
        required=True, description="Address that downloads the file through the portal, for this signed-in reader."
    )
    open_url = graphene.String(description="Address that opens the file in NextCloud, for readers with an account.")


class NextcloudFileBlock(BlockFields, graphene.ObjectType):
    """A reference to a file in the co-op's NextCloud, shown only to readers who may open it."""

    access = graphene.Field(FileAccess, required=True, description="What this reader gets: see FileAccess.")
    title = graphene.String(
        description="The editor's title for the file; null unless access is AVAILABLE or UNAVAILABLE."
    )
    file = graphene.Field(NextcloudFile, description="The file; null unless access is AVAILABLE.")

    @staticmethod
    def lookup(root, info):
        request = info.context
        return api_context(info).memo(
            ("nextcloud-file", root.reference, root.lang), lambda: look_up_file(request, root.reference, root.lang)
        )

    def resolve_access(root, info):
        return NextcloudFileBlock.lookup(root, info).access.value

    def resolve_title(root, info):
        shown = (FileAccessValue.AVAILABLE, FileAccessValue.UNAVAILABLE)
        return root.label if NextcloudFileBlock.lookup(root, info).access in shown else None

    def resolve_file(root, info):
        found = NextcloudFileBlock.lookup(root, info)
        if found.access != FileAccessValue.AVAILABLE:
            return None
        return NextcloudFile(
            name=found.name,
            size=found.size,
            modified=found.modified,
            content_type=found.content_type,
            download_url=found.download_url,
            open_url=found.open_url or None,
        )


class BodyBlock(graphene.Union):
    """One block of a page or document body."""

    class Meta:
        types = (HeadingBlock, ParagraphBlock, QuoteBlock, CalloutBlock, ImageBlock, TableBlock, NextcloudFileBlock)


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
        elif kind == "nextcloud_file":
            block = NextcloudFileBlock(id=block_id)
            # Resolved per reader (NextcloudFileBlock.lookup): the body itself stays the same for everyone.
            block.reference, block.label, block.lang = value["path"], value["title"], renderer.book.locale
            blocks.append(block)
    return blocks
