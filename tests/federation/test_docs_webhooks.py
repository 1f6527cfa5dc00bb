"""The partners' guide's webhook verification example accepts what the portal sends, and nothing else."""

import re
import time

from portal.federation.webhooks import signing
from tests.federation.test_docs import GUIDE


def guide_verify():
    [code] = [block for block in re.findall(r"```python\n(.*?)```", GUIDE.read_text(), re.S) if "def verify" in block]
    namespace: dict = {}
    exec(compile(code, "partners.md", "exec"), namespace)  # noqa: S102  (our own documentation's example)
    return namespace["verify"]


def test_the_guides_verify_accepts_signed_events_and_refuses_the_rest():
    verify = guide_verify()
    body = b'{"type":"page.published"}'
    headers = signing.signed_headers("whsec_abc", body)
    timestamp, signature = headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER]
    assert verify("whsec_abc", body, timestamp, signature)
    assert not verify("whsec_other", body, timestamp, signature)
    assert not verify("whsec_abc", body + b" ", timestamp, signature)
    old = signing.signed_headers("whsec_abc", body, now=time.time() - 301)
    assert not verify("whsec_abc", body, old[signing.TIMESTAMP_HEADER], old[signing.SIGNATURE_HEADER])
    assert not verify("whsec_abc", body, "", signature)
