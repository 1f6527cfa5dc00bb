"""/federation/webhook/<partner id>/: a partner's portal tells us its content changed; we pull it.

The event must be signed with the secret the partner gave us (stored on its record); anything else is refused with
the same 403, without saying why. The pull is queued, a couple of seconds later where the task backend can wait,
because the partner's change feed holds back changes for a moment.
"""

import logging

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.federation.mirror.tasks import enqueue_pull, mirrored_partners
from portal.federation.webhooks import signing

logger = logging.getLogger(__name__)
SETTLE_SECONDS = 3


@csrf_exempt
@require_POST
def webhook(request, partner_id: int):
    partner = mirrored_partners().filter(pk=partner_id).first()
    try:
        if partner is None:
            raise signing.InvalidSignature("no such mirrored partner")
        signing.verify(
            partner.inbound_webhook_secret,
            request.body,
            request.headers.get(signing.TIMESTAMP_HEADER),
            request.headers.get(signing.SIGNATURE_HEADER),
        )
    except signing.InvalidSignature as error:
        logger.info("Refused a webhook for partner %s: %s", partner_id, error)
        return HttpResponseForbidden("Refused.", content_type="text/plain")
    enqueue_pull(partner, SETTLE_SECONDS)
    return HttpResponse("Queued.", status=202, content_type="text/plain")
