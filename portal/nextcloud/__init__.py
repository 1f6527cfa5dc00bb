"""NextCloud for members: a small backend interface, an nc-py-api backend, an in-memory one and a circuit breaker.

Callers use `portal.nextcloud.backends.get_backend()`; see `backends/base.py` for the interface.
"""
