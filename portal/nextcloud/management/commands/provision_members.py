"""Queue NextCloud provisioning for members: those waiting or failed, or (--all) everyone NextCloud knows or should.

For a task backend that cannot defer retries (the immediate one, in development), and after changing
NEXTCLOUD_SHARED_FOLDERS, so that every member gets the new folders.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q

from portal.members.models import Member, MemberStatus, ProvisioningStatus
from portal.nextcloud.tasks import enqueue_provisioning


class Command(BaseCommand):
    help = "Queue NextCloud provisioning for members who wait or failed (or, with --all, every member)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Every active member and every member with an account.")

    def handle(self, *args, **options):
        if options["all"]:
            members = Member.objects.filter(Q(status=MemberStatus.ACTIVE) | ~Q(nextcloud_user_id=""))
        else:
            members = Member.objects.filter(
                provisioning_status__in=[ProvisioningStatus.PENDING, ProvisioningStatus.FAILED]
            )
        count = 0
        for member in members.select_related("user").iterator():
            enqueue_provisioning(member)
            count += 1
        self.stdout.write(f"Queued provisioning for {count} member(s).")
