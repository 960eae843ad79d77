"""Month arithmetic for review dates, the same in Python and in SQL.

A date `months` later keeps its day, clamped to the month's end (31 August + 6 months = 28 or 29
February). Watch duties, procedures' review dates and tool reviews' age all count this way.
"""

import calendar
import datetime

from django.db.models import Q
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, LessThan


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (earlier when negative), clamped to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def month_index(date):
    """Months since year 0 of a date expression: year * 12 + month - 1."""
    return ExtractYear(date) * 12 + ExtractMonth(date) - 1


def months_later_before(date, months, today: datetime.date) -> Q:
    """`add_months(date, months) < today` for date and months expressions, in the database (a null
    date is never before). The clamp needs no SQL: a day clamped to the month's end is never before
    `today` when `today` is in that month, and neither is the unclamped day, so comparing the days
    unclamped gives the same answer."""
    due_month = month_index(date) + months
    this_month = today.year * 12 + today.month - 1
    return Q(LessThan(due_month, this_month)) | (
        Q(Exact(due_month, this_month)) & Q(LessThan(ExtractDay(date), today.day))
    )
