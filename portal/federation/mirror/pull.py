"""Pulling a partner's handbook: read everything first, check it, then change the mirror in one transaction.

The first pull (or one with --full, or after the section changed) reads the whole section in every language both
portals have; later pulls read the partner's change feed from the stored cursor and fetch only what changed, falling
back to a whole read when a change cannot be placed. Both keep the partner's tree: each page under the copy of its
parent, siblings in the partner's reading order (a later pull reads that order again when a page moved or is new
here). Any error (partner down, slow, refusing, answering something malformed, partial or too large) leaves the
mirror and the cursor as they were and is recorded on the partner.
"""

import logging

from django.db import transaction
from django.utils import timezone

from portal.federation.mirror import documents
from portal.federation.mirror.client import PartnerAPI, PullError
from portal.federation.mirror.source import normalise_path, parse_changes, parse_entries, parse_locales, parse_page
from portal.federation.mirror.store import (
    Counts,
    LocaleMirror,
    NeedsFullPull,
    finish,
    key_of,
    mirror_locales,
    mirrored_keys,
)
from portal.federation.models import Partner

logger = logging.getLogger(__name__)
DROPPING = {"UNPUBLISHED", "DELETED", "REMOVED"}
MOVED = "MOVED"
MAX_FEED_READS = 1000  # 100 000 changes: a feed longer than that is read again by a whole pull


def pull(partner: Partner, *, section: str | None = None, full: bool = False, api: PartnerAPI | None = None) -> Counts:
    """Bring the mirror of `partner` up to date. Raises PullError, with nothing changed."""
    try:
        api = api or PartnerAPI.for_partner(partner)
        moved_section = section is not None and normalise_path(section) != normalise_path(partner.mirror_section)
        if moved_section:
            partner.mirror_section, full = normalise_path(section), True
        root = normalise_path(partner.mirror_section)
        counts = None
        if not full and partner.mirror_cursor:
            counts = incremental(api, partner, root)
        if counts is None:
            counts = whole(api, partner, root, afresh=moved_section)
    except PullError as error:
        Partner.objects.filter(pk=partner.pk).update(last_pull_error=str(error)[:2000])
        logger.warning("Pulling %s failed: %s", partner.slug, error)
        raise
    return counts


def read_feed(api: PartnerAPI, since: str | None) -> tuple[list[dict], str | None]:
    changes = []
    for _ in range(MAX_FEED_READS):
        feed = api.query("MirrorChanges", documents.CHANGES, {"since": since})["changes"]
        batch, cursor, has_more = parse_changes(feed)
        changes.extend(batch)
        since = cursor or since
        if not has_more:
            return changes, since
    raise PullError("The partner's change feed did not end.")


def languages(api: PartnerAPI) -> dict:
    codes = parse_locales(api.query("MirrorLocales", documents.LOCALES)["locales"])
    return {code: locale for code, locale in mirror_locales().items() if code in codes}


def fetch_by_path(api: PartnerAPI, partner: Partner, code: str, paths: list[str]) -> dict:
    """The pages at these paths, by path (None for one that is a fallback or a mirror there), a batch a request."""
    found = {}
    for start in range(0, len(paths), documents.BATCH):
        batch = paths[start : start + documents.BATCH]
        variables = {"locale": code, **{f"p{number}": path for number, path in enumerate(batch)}}
        data = api.query("MirrorPages", documents.pages_by_path(len(batch)), variables)
        for number, path in enumerate(batch):
            if data[f"p{number}"] is None:
                raise PullError(f"The partner's answers are partial: {code}{path} is listed but cannot be read.")
            found[path] = parse_page(data[f"p{number}"], code, partner.base_url)
    return found


def read_handbook(api: PartnerAPI, code: str, root: str) -> list | None:
    """The section's entries in one language, in reading order; None when the language has no handbook there."""
    handbook = api.query("MirrorHandbook", documents.HANDBOOK, {"locale": code})["handbook"]
    return None if handbook is None else parse_entries(handbook, root)


def read_language(api: PartnerAPI, partner: Partner, code: str, root: str) -> list:
    """The section's pages in one language, in reading order (root first, parents before children); [] when it
    has none there."""
    entries = read_handbook(api, code, root)
    if entries is None:
        return []
    paths = [entry.path for entry in entries]
    root_data = api.query("MirrorPage", documents.PAGE_BY_PATH, {"locale": code, "path": root})["page"]
    top = parse_page(root_data, code, partner.base_url) if root_data is not None else None
    if top is None:
        return []
    found = fetch_by_path(api, partner, code, paths)
    pages, kept = [top], {root}
    for path in paths:  # in reading order: a parent comes before its children
        parent = path[: path.rstrip("/").rfind("/") + 1]
        if parent in kept and found[path] is not None:  # not below a fallback or a mirror there
            pages.append(found[path])
            kept.add(path)
    return pages


def whole(api: PartnerAPI, partner: Partner, root: str, afresh: bool = False) -> Counts:
    """Read the whole section; `afresh` (another section than before) drops the old mirror first."""
    _changes, cursor = read_feed(api, None)  # first: what changes while we read is replayed next time
    ours = languages(api)
    snapshots = {code: read_language(api, partner, code, root) for code in ours}
    counts = Counts(languages=sorted(code for code, pages in snapshots.items() if pages))
    with transaction.atomic():
        for code, locale in mirror_locales().items():
            mirror = LocaleMirror(partner, locale, root, counts)
            pages = snapshots.get(code, [])
            mirror.keep_only(set() if afresh else {page.key for page in pages})
            for page in pages:
                mirror.upsert(page)
            mirror.arrange([page.key for page in pages])
        save_state(partner, cursor)
        transaction.on_commit(finish)
    return counts


def incremental(api: PartnerAPI, partner: Partner, root: str) -> Counts | None:
    """Apply the feed since the stored cursor; None when only a whole pull will do."""
    changes, cursor = read_feed(api, partner.mirror_cursor)
    ours = mirror_locales()
    latest: dict = {}
    for change in changes:
        if change["locale"] in ours:
            latest.pop((change.get("translationKey"), change["locale"]), None)
            latest[(change.get("translationKey"), change["locale"])] = change  # in order, the last one counts
    plan = []
    for (key, code), change in latest.items():
        page = None
        if change["kind"] not in DROPPING and change.get("pageId"):
            data = api.query("MirrorPageById", documents.PAGE_BY_ID, {"locale": code, "id": change["pageId"]})["page"]
            page = parse_page(data, code, partner.base_url) if data is not None else None
            if page is not None and not page.path.startswith(root):
                page = None  # moved out of the mirrored section
        plan.append((key, code, page))
    # Removals first (a new page may take the slug of one that went), then parents before children (a moved
    # page's copy must be in its place before the pages below it are placed).
    plan.sort(key=lambda step: (step[2] is not None, step[2].path.count("/") if step[2] is not None else 0))
    orders = read_orders(api, partner, root, changes, plan, ours)
    counts = Counts(languages=sorted({code for _key, code, _page in plan} | set(orders)))
    if not plan and not orders:
        save_state(partner, cursor)
        return counts
    try:
        with transaction.atomic():
            mirrors = {code: LocaleMirror(partner, locale, root, counts) for code, locale in ours.items()}
            for key, code, page in plan:
                if page is None:
                    mirrors[code].remove(str(key))
                else:
                    mirrors[code].upsert(page)
            for code, keys in orders.items():
                mirrors[code].arrange(keys)
            save_state(partner, cursor)
            transaction.on_commit(finish)
    except NeedsFullPull:
        return None
    return counts


def read_orders(api: PartnerAPI, partner: Partner, root: str, changes: list, plan: list, ours: dict) -> dict:
    """The partner's reading order (translation keys) of each language we mirror, read when it may have changed:
    a page moved or was reordered, in any language (the partner orders every language as its source language),
    or a page is new here (it was added last, wherever the partner has it). Empty when nothing moved."""
    mirrored = mirrored_keys(partner)
    arriving = [(key_of(key), code) for key, code, page in plan if page is not None]
    if not any(change["kind"] == MOVED for change in changes) and all(step in mirrored for step in arriving):
        return {}
    codes = {code for _key, code in mirrored} | {code for _key, code in arriving}
    orders = {}
    for code in sorted(codes & set(ours)):
        entries = read_handbook(api, code, root)
        orders[code] = [entry.key for entry in entries or []]
    return orders


def save_state(partner: Partner, cursor: str | None) -> None:
    partner.mirror_cursor = cursor or ""
    partner.last_pulled_at = timezone.now()
    partner.last_pull_error = ""
    partner.save(update_fields=["mirror_cursor", "last_pulled_at", "last_pull_error", "mirror_section"])
