"""The partner's GraphQL API as the mirror sees it: one POST per query, with timeouts and a size limit, and every
way an answer can be wrong turned into one error with a clear message."""

import json
import time

import requests
from django.conf import settings


class PullError(Exception):
    """The partner could not be read, or answered something we will not use. Nothing was changed."""


RATE_LIMITED_TRIES = 4
LONGEST_WAIT_SECONDS = 30


def retry_after(response) -> float | None:
    """Seconds a 429 answer asks us to wait; None when it asks for longer than we wait within one pull."""
    value = response.headers.get("Retry-After", "1")
    seconds = int(value) if value.isdigit() else 1
    return seconds if seconds <= LONGEST_WAIT_SECONDS else None


class Data(dict):
    """An answer's data: a field it lacks is a malformed answer, not a KeyError."""

    def __missing__(self, key):
        raise PullError(f"The partner's answer is malformed: it has no {key}.")


class PartnerAPI:
    def __init__(self, base_url: str, token: str, *, timeout=None, max_bytes: int | None = None):
        self.url = base_url.rstrip("/") + "/graphql/"
        self.token = token
        self.timeout = timeout or settings.PORTAL_MIRROR_TIMEOUT
        self.max_bytes = max_bytes or settings.PORTAL_MIRROR_MAX_BYTES

    @classmethod
    def for_partner(cls, partner) -> "PartnerAPI":
        token = partner.outbound_token
        if not token:
            raise PullError(f"No API token of {partner.name} is stored: enter theirs in the partner's record.")
        return cls(partner.base_url, token)

    def query(self, operation: str, document: str, variables: dict | None = None) -> Data:
        """The answer's `data`; PullError for a failed request, an error in the answer or a partial answer."""
        body = {"query": document, "variables": variables or {}, "operationName": operation}
        status, content = self.post(body, operation)
        if status != 200:
            raise PullError(f"{self.url} answered {operation} with HTTP {status}.")
        try:
            answer = json.loads(content)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise PullError(f"{self.url} answered {operation} with something that is not JSON.") from None
        if not isinstance(answer, dict):
            raise PullError(f"{self.url} answered {operation} without data.")
        if answer.get("errors"):
            errors = answer["errors"] if isinstance(answer["errors"], list) else [answer["errors"]]
            messages = "; ".join(
                str(error.get("message") if isinstance(error, dict) else error)[:200] for error in errors[:3]
            )
            raise PullError(f"{self.url} answered {operation} with errors: {messages}")
        if not isinstance(answer.get("data"), dict):
            raise PullError(f"{self.url} answered {operation} without data.")
        return Data(answer["data"])

    def post(self, body: dict, operation: str) -> tuple[int, bytes]:
        """Send one query: the answer's status and body."""
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        try:
            for attempt in range(RATE_LIMITED_TRIES):
                with requests.post(self.url, json=body, headers=headers, timeout=self.timeout, stream=True) as answer:
                    wait = retry_after(answer) if answer.status_code == 429 else None
                    if wait is None or attempt == RATE_LIMITED_TRIES - 1:
                        return answer.status_code, self._read(answer)
                time.sleep(wait)  # the partner's rate limit: wait as long as it asks, if that is not long
        except requests.Timeout:
            raise PullError(f"{self.url} did not answer {operation} within {self.timeout[1]} seconds.") from None
        except requests.RequestException as error:
            raise PullError(f"{self.url} could not be reached ({type(error).__name__}).") from None

    def _read(self, response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                raise PullError(f"{self.url} answered with more than {self.max_bytes} bytes.")
            chunks.append(chunk)
        return b"".join(chunks)
