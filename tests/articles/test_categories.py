import pytest

from articles.models import Story
from tests.factories import make_category, make_story

pytestmark = pytest.mark.django_db


def test_category_shows_its_full_path():
    parent = make_category("Crime and Violence")
    child = make_category("Organized Crime", parent=parent)
    assert child.path_name == "Crime and Violence · Organized Crime"
    assert make_story(category=child).category_path == "Crime and Violence · Organized Crime"


def test_in_category_includes_every_level_below_and_secondary_categories():
    top = make_category("Top")
    middle = make_category("Middle", parent=top)
    bottom = make_category("Bottom", parent=middle)
    elsewhere = make_category("Elsewhere")
    deep = make_story(category=bottom)
    secondary = make_story(category=elsewhere)
    secondary.categories.add(middle)
    unrelated = make_story(category=elsewhere)
    found = set(Story.objects.in_category(top))
    assert found == {deep, secondary}
    assert unrelated not in found


def test_a_category_cannot_be_moved_under_its_own_child():
    from django.core.exceptions import ValidationError

    parent = make_category("Parent")
    child = make_category("Child", parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()
