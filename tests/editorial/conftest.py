import pytest
from django.test import Client

from tests.editorial.helpers import staff_client


@pytest.fixture
def editor(db):
    return staff_client(Client, "editor")


@pytest.fixture
def second_editor(db):
    return staff_client(Client, "second-editor")


@pytest.fixture
def contributor(db):
    return staff_client(Client, "contributor", group="Contributors")
