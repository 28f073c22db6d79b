"""Pages of a listing without counting the whole listing.

Counting every story of a big tag or category costs more than showing twenty of them, and
the cost grows with the archive. A page fetches one row more than it shows: that row says
whether an older page exists.
"""

from django.http import Http404
from django.utils.translation import gettext as _

MAX_PAGE = 10_000
STORIES_PER_PAGE = 20


def whole_number(value, largest):
    """`value` (a query parameter) as an int from 0 to `largest`, else None. ASCII digits
    only: str.isdigit() also accepts "¹" and other digits int() refuses."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(largest)):
        return None
    number = int(value)
    return number if number <= largest else None


class ListingPage:
    def __init__(self, rows, number, per_page):
        self.object_list = rows[:per_page]
        self.number = number
        self._has_next = len(rows) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def paginate(request, queryset, per_page=STORIES_PER_PAGE):
    """The requested page of `queryset`; a page number that does not exist is a 404."""
    number = whole_number(request.GET.get("page") or "1", MAX_PAGE)
    if not number:
        raise Http404(_("There is no such page."))
    start = (number - 1) * per_page
    page = ListingPage(list(queryset[start : start + per_page + 1]), number, per_page)
    if number > 1 and not page.object_list:
        raise Http404(_("There is no such page."))
    return page


def capped_count(queryset, cap=1000):
    """How many rows, counted up to `cap` only (shown as "1000+" beyond)."""
    return queryset.order_by().values("pk")[: cap + 1].count()
