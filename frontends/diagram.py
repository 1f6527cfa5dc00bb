"""Geometry of a page's link diagram: the page in the middle, pages linking to it on the reading side where a
line starts, the pages it links to on the other; drawn as SVG by templates/frontends/includes/link_diagram.html.
"""

from dataclasses import dataclass

WIDTH = 640
NODE_WIDTH = 190
NODE_HEIGHT = 34
GAP = 12
MARGIN = 8
MAX_PER_SIDE = 8
MAX_LABEL = 24


@dataclass
class Node:
    title: str
    label: str
    href: str
    locale: str
    x: int
    y: int
    width: int = NODE_WIDTH
    height: int = NODE_HEIGHT
    current: bool = False

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2


@dataclass
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass
class More:
    """ "+N more" under a column that was cut short (every link is also listed in the page)."""

    count: int
    x: int
    y: int


@dataclass
class Diagram:
    width: int
    height: int
    center: Node
    incoming: list[Node]
    outgoing: list[Node]
    edges: list[Edge]
    more: list[More]


def shorten(title: str, limit: int = MAX_LABEL) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def column(links: list[dict], x: int, height: int) -> list[Node]:
    shown = links[:MAX_PER_SIDE]
    top = (height - (len(shown) * (NODE_HEIGHT + GAP) - GAP)) // 2
    return [
        Node(link["title"], shorten(link["title"]), link["href"], link["locale"], x, top + i * (NODE_HEIGHT + GAP))
        for i, link in enumerate(shown)
    ]


def link_diagram(page: dict, links_in: list[dict], links_out: list[dict], rtl: bool = False) -> Diagram | None:
    """`page` and the links are dicts with title, href and locale. None when no page links in or out."""
    if not links_in and not links_out:
        return None
    rows = max(len(links_in[:MAX_PER_SIDE]), len(links_out[:MAX_PER_SIDE]), 1)
    height = rows * (NODE_HEIGHT + GAP) - GAP + 2 * MARGIN
    start, end = MARGIN, WIDTH - MARGIN - NODE_WIDTH
    in_x, out_x = (end, start) if rtl else (start, end)
    center = Node(
        page["title"], shorten(page["title"]), page["href"], page["locale"],
        (WIDTH - NODE_WIDTH) // 2, (height - NODE_HEIGHT) // 2, current=True,
    )  # fmt: skip
    incoming = column(links_in, in_x, height)
    outgoing = column(links_out, out_x, height)
    edges = [Edge(*inner_edge(node, center), *inner_edge(center, node)) for node in incoming]
    edges += [Edge(*inner_edge(center, node), *inner_edge(node, center)) for node in outgoing]
    more = [
        More(len(links) - MAX_PER_SIDE, x + NODE_WIDTH // 2, height + 14)
        for links, x in ((links_in, in_x), (links_out, out_x))
        if len(links) > MAX_PER_SIDE
    ]
    return Diagram(WIDTH, height + (22 if more else 0), center, incoming, outgoing, edges, more)


def inner_edge(node: Node, towards: Node) -> tuple[int, int]:
    """The middle of the side of `node` that faces `towards`."""
    return (node.x + node.width if towards.x > node.x else node.x), node.cy
