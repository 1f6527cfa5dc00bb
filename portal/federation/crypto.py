"""Secrets we must use again, not only check (the token we pull a partner's content with, webhook secrets):
stored encrypted with Fernet (AES and HMAC) under PORTAL_FEDERATION_KEY, or a key derived from SECRET_KEY.

A value read with another key, or tampered with, reads as empty: the admin is asked to enter it again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    secret = settings.PORTAL_FEDERATION_KEY or settings.SECRET_KEY
    key = hashlib.sha256(b"portal.federation:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(value: str) -> str:
    if not value:
        return ""
    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        return ""
