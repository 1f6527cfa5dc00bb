import pytest
from django.core.cache import cache

from portal.nextcloud.backends import reset_backend
from portal.nextcloud.backends.memory import MemoryBackend
from portal.nextcloud.backends.nc_py_api import NcPyApiBackend
from tests.nextcloud.fake_server import FakeNextcloud

# Far below the 10 s default so that timeout tests are quick. The double hangs for 30 s: a call that ignored its
# timeouts would get an answer in the end and its test would fail.
SHORT_READ_TIMEOUT = 0.25


@pytest.fixture(autouse=True)
def fresh_state():
    # The circuit breaker keeps its state in the cache and get_backend() its backend per process: no test may
    # inherit either from another.
    cache.clear()
    reset_backend()
    yield
    reset_backend()
    cache.clear()


@pytest.fixture
def fake_nextcloud():
    fake = FakeNextcloud().start()
    yield fake
    fake.stop()


def make_nc_backend(fake: FakeNextcloud, connect_timeout: float = 2.0, read_timeout: float = 5.0) -> NcPyApiBackend:
    return NcPyApiBackend(
        url=fake.url,
        user=fake.service_user,
        app_password=fake.password,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
    )


@pytest.fixture
def nc_backend(fake_nextcloud):
    backend = make_nc_backend(fake_nextcloud)
    yield backend
    backend.close()


class MemoryHarness:
    """The memory backend and the means to set its scene."""

    name = "memory"

    def __init__(self):
        self.backend = MemoryBackend(url="https://cloud.example.test", user="portal")

    def add_file(self, path, content):
        self.backend.add_file(path, content)

    def add_user(self, user_id, display_name="", email="", groups=(), enabled=True):
        self.backend.ensure_user(user_id, display_name or user_id, email or f"{user_id}@example.coop")
        self.backend.set_user_groups(user_id, groups, managed=())
        self.backend.set_user_enabled(user_id, enabled)

    def requests(self) -> int:
        return self.backend.calls

    def outage(self, kind: str):
        self.backend.simulate(kind)

    def close(self):
        pass


class NcPyApiHarness:
    """The nc-py-api backend against the loopback NextCloud, whose state the scene is set in directly."""

    name = "nc_py_api"

    def __init__(self):
        self.fake = FakeNextcloud().start()
        self.backend = make_nc_backend(self.fake)

    def add_file(self, path, content):
        self.fake.add_file(path, content)

    def add_user(self, user_id, display_name="", email="", groups=(), enabled=True):
        self.fake.add_user(user_id, display_name, email or f"{user_id}@example.coop", groups, enabled)

    def requests(self) -> int:
        return self.fake.count()

    def outage(self, kind: str):
        """NextCloud "down" (the port refuses), on "timeout" (it hangs past a short read timeout), in
        "maintenance" (503) or failing with "error" (500)."""
        if kind == "down":
            self.fake.refuse_connections()
        elif kind == "timeout":
            self.backend.close()
            self.backend = make_nc_backend(self.fake, connect_timeout=1.0, read_timeout=SHORT_READ_TIMEOUT)
            self.fake.mode = "hang"
        else:
            self.fake.mode = kind

    def close(self):
        self.backend.close()
        self.fake.stop()


@pytest.fixture(params=[MemoryHarness, NcPyApiHarness], ids=["memory", "nc_py_api"])
def harness(request):
    harness = request.param()
    yield harness
    harness.close()


# Members, as the register makes them (status changes through change_status, so member_status_changed is sent).
from tests.members.conftest import admin_client, make_member  # noqa: E402, F401

SHARED_FOLDERS = ["Co-op/Handbook", "Co-op/Forms"]


@pytest.fixture
def shared_folders(settings):
    settings.NEXTCLOUD_SHARED_FOLDERS = SHARED_FOLDERS
    return SHARED_FOLDERS


@pytest.fixture
def nextcloud():
    """The memory backend behind get_backend() (and its circuit breaker), as the portal uses it."""
    from portal.nextcloud.backends import get_backend

    return get_backend().backend


@pytest.fixture
def task_queue(settings):
    """django-tasks' database backend, as in production, with a worker the test runs by hand."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return TaskQueue()


class TaskQueue:
    def queued(self):
        from django_tasks_db.models import DBTaskResult

        return list(DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"))

    def run_ready(self) -> int:
        """Run every task that is due now, as `manage.py db_worker --batch` would; returns how many ran."""
        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult

        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        ran = 0
        while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
        return ran

    def time_passes(self):
        """Every deferred task becomes due."""
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
