import itertools

import pytest
from django.core.cache import cache

from portal.members.models import Member, MemberKind, MemberStatus

numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    # The API's local-memory response cache outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_member(django_user_model):
    """A member with a user account; `status` is reached through change_status, as in the register."""

    def make(
        username=None,
        *,
        kind=MemberKind.INDIVIDUAL,
        status=MemberStatus.ACTIVE,
        password="pass-phrase-1",  # noqa: S107
        **user,
    ):
        username = username or f"person{next(numbers)}"
        language = user.pop("language", "en")
        account = django_user_model.objects.create_user(
            username, email=user.pop("email", f"{username}@example.coop"), password=password, **user
        )
        member = Member.objects.create(user=account, kind=kind, preferred_language=language)
        if status == MemberStatus.ACTIVE:
            member.change_status(MemberStatus.ACTIVE)
        elif status != MemberStatus.APPLICANT:
            member.change_status(MemberStatus.ACTIVE)
            member.change_status(status)
        return member

    return make


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.coop", "admin-password")
    client.force_login(admin)
    client.admin = admin
    return client
