"""Sent after journal rows are written (on commit), with `changes`: the new Change rows, ids set.

Webhooks (portal/federation/webhooks/dispatch.py) listen, so that every event sent matches a row of the feed.
"""

from django.dispatch import Signal

changes_journalled = Signal()
