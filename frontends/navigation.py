"""The handbook's sidebar: the API's flat list of entries, in reading order, made into a tree again."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class NavNode:
    id: str
    title: str
    path: str
    locale: str
    is_fallback: bool
    href: str
    children: list["NavNode"] = field(default_factory=list)
    parent: "NavNode | None" = field(default=None, repr=False)
    current: bool = False
    open: bool = False  # on the current page's branch: its chapter is shown unfolded


def build_tree(entries: list[dict], current_path: str | None, href: Callable[[str], str]) -> list[NavNode]:
    """Top-level nodes, each with its children; the current page marked and its branch open.

    Entries whose parent is not in the list (hidden from this reader) are shown at the top level rather than lost.
    """
    nodes: dict[str, NavNode] = {}
    roots: list[NavNode] = []
    for entry in entries:
        node = NavNode(
            id=entry["id"],
            title=entry["title"],
            path=entry["path"],
            locale=entry["locale"],
            is_fallback=entry["isFallback"],
            href=href(entry["path"]),
        )
        nodes[node.id] = node
        parent = nodes.get(entry.get("parentId") or "")
        if parent is None:
            roots.append(node)
        else:
            node.parent = parent
            parent.children.append(node)
    current = next((node for node in nodes.values() if node.path == current_path), None)
    if current is not None:
        current.current = True
        branch: NavNode | None = current
        while branch is not None:
            branch.open = True
            branch = branch.parent
    return roots
