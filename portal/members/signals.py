"""Signals other parts of the portal listen to.

member_status_changed(sender=Member, member, change): sent once a status change is saved, inside the same
transaction. Receivers that start outside work (NextCloud provisioning, e-mail) should defer it with
transaction.on_commit, so nothing happens for a change that is rolled back.
"""

from django.dispatch import Signal

member_status_changed = Signal()
