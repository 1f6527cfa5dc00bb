"""Checks on the page tree that treebeard itself does not make: the stored child counts are the real ones."""

from collections import Counter

from wagtail.models import Page


def wrong_child_counts() -> dict[str, tuple[int, int]]:
    """Every page whose stored numchild differs from its real number of children: path -> (stored, real)."""
    rows = list(Page.objects.values_list("path", "depth", "numchild"))
    steplen = Page.steplen
    real = Counter(path[:-steplen] for path, depth, _numchild in rows if depth > 1)
    return {path: (numchild, real[path]) for path, _depth, numchild in rows if numchild != real[path]}


def add_page_under(parent: Page, page: Page) -> Page:
    """Add a page as the last child: treebeard derives its path from numchild, so a wrong count collides."""
    parent = Page.objects.get(pk=parent.pk)
    parent.add_child(instance=page)
    return page
