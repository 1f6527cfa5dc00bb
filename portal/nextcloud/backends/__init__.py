"""The configured NextCloud backend, behind the circuit breaker.

NEXTCLOUD = {
    "BACKEND": "portal.nextcloud.backends.nc_py_api.NcPyApiBackend",
    "OPTIONS": {"url": ..., "user": ..., "app_password": ..., "connect_timeout": 3, "read_timeout": 10},
    "CIRCUIT": {"FAILURES": 5, "RESET_SECONDS": 30},
}
"""

import functools

from django.conf import settings
from django.utils.module_loading import import_string

from portal.nextcloud.circuit import CircuitBreaker, GuardedBackend


@functools.cache
def get_backend() -> GuardedBackend:
    """One backend per process (it keeps NextCloud connections open), every call guarded by the breaker."""
    config = settings.NEXTCLOUD
    backend = import_string(config["BACKEND"])(**config.get("OPTIONS", {}))
    circuit = config.get("CIRCUIT", {})
    breaker = CircuitBreaker(
        failures=int(circuit.get("FAILURES", 5)),
        reset_seconds=float(circuit.get("RESET_SECONDS", 30)),
        cache_alias=circuit.get("CACHE", "default"),
    )
    return GuardedBackend(backend, breaker)


def reset_backend(*, setting=None, **kwargs):
    if setting in (None, "NEXTCLOUD") and get_backend.cache_info().currsize:
        get_backend().backend.close()
        get_backend.cache_clear()
