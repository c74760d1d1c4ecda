"""Shared fixtures: small factories, users with roles, and signed-in (two-factor verified) clients."""

from __future__ import annotations

from datetime import date

import factory
import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import User
from casereview.partnerships.models import Access, Agency, AgencyKind, Group, GroupKind, Membership, Partnership, Person
from casereview.web.process_cache import forget
from tests.outbox.immediate_tasks import immediate_tasks  # noqa: F401  (background tasks run in-process)
from tests.smtp import smtp_inbox  # noqa: F401  (a real SMTP server on loopback, for any test that sends mail)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Fictional Partnership {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.OTHER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    agency = factory.SubFactory(AgencyFactory)
    partnership = factory.SelfAttribute("agency.partnership")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Practitioner"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = GroupKind.SUBGROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    partnership = factory.SelfAttribute("group.partnership")
    person = factory.SubFactory(PersonFactory, agency__partnership=factory.SelfAttribute("...partnership"))
    role_title = "Member"
    start_date = date(2024, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 (so hashes still say "argon2") with the cheapest parameters: tests hash many demo passwords."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.conftest.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _nothing_remembered_between_tests():
    """Each test starts with nothing remembered in the process (casereview.web.process_cache): a flushed database
    can repeat the primary keys of an earlier test's records."""
    yield
    forget()


def user_with_role(partnership, role, agency=None, **kwargs) -> User:
    """Create a user holding one role in the partnership."""
    user = UserFactory(**kwargs)
    Access.objects.create(user=user, partnership=partnership, role=role, agency=agency)
    return user


def sign_in(client, user):
    """Sign the client in as the user, with two-factor authentication already passed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def partnership(db):
    return PartnershipFactory()


@pytest.fixture
def business_user(partnership):
    return user_with_role(partnership, "business_team")


@pytest.fixture
def business_client(client, business_user):
    return sign_in(client, business_user)
