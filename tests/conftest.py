from pathlib import Path

import pytest
from wagtail.models import Locale, Page

from cms.demo.loader import DemoLoader, translation_key
from portal.members.models import Member, MemberKind, MemberStatus

SMALL_DEMO = Path(__file__).parent / "fixtures" / "demo_small"


class Demo:
    """A loaded demo, with look-ups by content key and language."""

    def __init__(self, loader: DemoLoader):
        self.loader = loader

    def page(self, key: str, language: str = "en"):
        return Page.objects.get(translation_key=translation_key("page", key), locale__language_code=language).specific

    def locale(self, language: str) -> Locale:
        return Locale.objects.get(language_code=language)


def load_demo(content_dir: Path, capture_on_commit) -> Demo:
    """Run the loader as a command would: wagtail-localize publishes translations when the transaction commits."""
    loader = DemoLoader(content_dir)
    with capture_on_commit(execute=True):
        loader.run()
    return Demo(loader)


@pytest.fixture
def small_demo(db, django_capture_on_commit_callbacks) -> Demo:
    return load_demo(SMALL_DEMO, django_capture_on_commit_callbacks)


@pytest.fixture
def member(django_user_model):
    """An active member's user: the register puts them in the "Members" group."""
    user = django_user_model.objects.create_user("member", password="member-password")
    Member.objects.create(user=user, kind=MemberKind.INDIVIDUAL).change_status(MemberStatus.ACTIVE)
    return user


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user("outsider", password="outsider-password")
