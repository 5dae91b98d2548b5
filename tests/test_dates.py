"""Date lines in the forms scrapers produce, stored as ISO; impossible dates are errors."""

import datetime as dt

import pytest

from generator.importer.dates import ImpossibleDate, parse_date_line
from generator.months import long_date

MARCH_5 = dt.date(2014, 3, 5)


@pytest.mark.parametrize(
    "line",
    [
        "March 05, 2014",
        "March 5, 2014",
        "Mar. 5, 2014",
        "Mar 5 2014",
        "March 5th, 2014",
        "5 March 2014",
        "5th of March, 2014",
        "05 Mar 2014",
        "2014-03-05",
        "2014-03-05T10:32:00Z",
        "2014-03-05 10:32:00 +03:00",
        "2014/03/05",
        "05.03.2014",
        "03/05/2014",
        "Wednesday, March 5, 2014 10:32 AM EST",
        "Wed 5 Mar 2014 10:32 GMT",
        "Wed, 05 Mar 2014 10:32:00 +0000",
        "Published: 5 March 2014",
        "Posted on March 5, 2014",
        "Updated: 12:30 GMT, Wednesday, 5 March 2014",
        "Published 5 March 2014 | Updated 6 March 2014",
        "05-MAR-2014 15:01:01.79",
        "5 Mar 14",
    ],
)
def test_date_forms(line):
    assert parse_date_line(line) == MARCH_5


def test_dotted_day_first_and_wire_timestamp():
    assert parse_date_line("26.02.1987") == dt.date(1987, 2, 26)
    assert parse_date_line("26-FEB-1987 15:01:01.79") == dt.date(1987, 2, 26)
    assert parse_date_line("26/02/1987") == dt.date(1987, 2, 26)


@pytest.mark.parametrize(
    "line",
    [
        "Russia said on March 5, 2014",
        "SALVADOR, Feb 26 - Showers continued",
        "1987",
        "March 2014",
        "May 20 14:30",
        "",
        "The 2014-03-05 meeting was cancelled",
    ],
)
def test_lines_that_are_not_just_a_date(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    "line, message",
    [
        ("February 30, 2014", "impossible date 'February 30, 2014': February 2014 has no day 30"),
        ("2014-02-30", "impossible date '2014-02-30': February 2014 has no day 30"),
        ("31.04.2014", "impossible date '31.04.2014': April 2014 has no day 31"),
        ("2014-13-01", "impossible date '2014-13-01': there is no month 13"),
    ],
)
def test_impossible_dates_are_errors(line, message):
    with pytest.raises(ImpossibleDate) as raised:
        parse_date_line(line)
    assert str(raised.value) == message


def test_long_date_needs_no_locale():
    assert long_date(MARCH_5) == "5 March 2014"
