"""Small borderless tables in running text (two value columns or more, three rows or more)
are found and read cell for cell; the paragraphs around them stay text. Each page is drawn by
the test; the cells expected are those drawn."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_measured_tables
from reportparse.text.printed import is_value
from test_detection import PROSE, wrap

SIX = [
    ["", "2019", "2020", "2021", "2022", "2023", "2024"],
    ["Women", "41", "43", "45", "44", "47", "49"],
    ["Men", "52", "55", "54", "56", "58", "57"],
    ["All", "47", "49", "50", "50", "53", "53"],
]
TWO = [
    ["Outcome", "2023", "2024"],
    ["Work", "1 204", "1 310"],
    ["Education", "988", "1 022"],
]


@pytest.mark.parametrize("rows", [SIX, TWO], ids=["six-columns", "two-value-columns"])
def test_a_small_table_between_paragraphs(tmp_path, rows):
    path = tmp_path / "small.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = wrap(c, PROSE, 72, 780, 450) - 8
    c.setFont("Helvetica", 10)
    for row in rows:
        c.drawString(72, y, row[0])
        for k, v in enumerate(row[1:]):
            c.drawRightString(190 + 50 * k, y, v)
        y -= 13
    wrap(c, PROSE, 72, y - 8, 450)
    c.save()
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", rows)]


def test_a_table_with_wide_leading_goes_on_over_its_group_headings(tmp_path):
    """A table printed with wide leading (the white between its lines near the gap that ends
    a table elsewhere), its groups set off by some more white under a heading: one table, its
    headings rows of their own, not a table per group."""
    rows = [
        ["Units", "2016"],
        ["Net asset value", "5,111,372"],
        ["Units outstanding", "49,136"],
        ["Value per unit", "104.03"],
        ["Class B", ""],
        ["Net asset value", "49,144,825"],
        ["Units outstanding", "471,555"],
        ["Value per unit", "104.22"],
        ["Total for the fund", ""],
        ["Net asset value", "54,256,197"],
        ["Units outstanding", "520,691"],
    ]
    path = tmp_path / "leading.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 700.0
    for k, (label, value) in enumerate(rows):
        if k and not value:
            y -= 10  # the more white over a group heading
        c.setFont("Helvetica-Bold" if not value or k == 0 else "Helvetica", 9)
        c.drawString(72, y, label)
        c.drawRightString(400, y, value)
        y -= 21
    c.save()
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", rows)]


def test_a_table_in_the_right_column_beside_prose_at_another_leading(tmp_path):
    """A page set in two columns, a table in the right one: its rows, at a wider leading than
    the paragraphs, join two lines of the left column into one printed line here and there, a
    line of prose holds dates and rates, and a paragraph goes on under the table from the
    edge of its first column. The left column stays text, the paragraph under stays text, and
    the table is read as printed, alone."""
    left = [
        "The employer tax rate for social security remains",
        "unchanged at 6.2%. The 2011 social security wage base",
        "limit is $106,800. In 2011, the Medicare tax rate is 1.45%",
        "each for employers and employees, unchanged from",
        "2010. There is no wage base limit for Medicare tax.",
        "Employers should implement the 4.2% employee",
        "social security tax rate as soon as possible, but not later",
        "than January 31, 2011. After implementing the new 4.2%",
        "rate, employers should make an offsetting adjustment in",
        "a subsequent pay period to correct any overwithholding",
        "of social security tax as soon as possible, but not later",
        "than March 31, 2011.",
    ]
    rows = [
        ["Payroll Period", "One Allowance"],
        ["Weekly", "$ 71.15"],
        ["Biweekly", "142.31"],
        ["Semimonthly", "154.17"],
        ["Monthly", "308.33"],
        ["Quarterly", "925.00"],
        ["Semiannually", "1,850.00"],
        ["Annually", "3,700.00"],
        ["Daily", "14.23"],
    ]
    under = [
        "When employers use the Percentage Method Tables for",
        "Income Tax Withholding, the tax for the pay period may",
        "be rounded to the nearest dollar. If rounding is used, it",
        "must be used consistently. Withheld tax amounts should",
        "be rounded to the nearest dollar by dropping amounts",
    ]
    path = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    for k, line in enumerate(left):
        c.drawString(42, 700 - 11.5 * k, line)
    y = 712.0
    for k, (label, value) in enumerate(rows):
        c.setFont("Helvetica-Bold" if k == 0 else "Helvetica", 9)
        c.drawString(323, y, label)
        c.drawRightString(537, y, value)
        y -= 16.5
    c.setFont("Helvetica", 9)
    for k, line in enumerate(under):
        c.drawString(318, y - 6 - 11.5 * k, line)
    c.save()
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", rows)]


def test_figures_grouped_by_commas_and_negatives_in_parentheses_are_values(tmp_path):
    """Accounts print thousands grouped by commas ("5,111,372") and negatives in parentheses
    ("(106,870)"): they are values like "5 111 372", so the row heading over the first row of
    values ("Class A") is a row of its own, not the first line of that row's label."""
    rows = [
        ["Class A", ""],
        ["Net asset value", "5,111,372"],
        ["Units outstanding", "49,136"],
        ["Revaluation", "2,076,667"],
        ["Costs", "(106,870)"],
        ["Costs per unit", "(0.21)"],
        ["Total investment result", "1,969,797"],
    ]
    path = tmp_path / "accounts.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 700.0
    for k, (label, value) in enumerate(rows):
        c.setFont("Helvetica-Bold" if k == 0 else "Helvetica", 9)
        c.drawString(72, y, label)
        c.drawRightString(400, y, value)
        y -= 21
    c.save()
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", rows)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,111,372", True),
        ("1.850,00", True),
        ("(106,870)", True),
        ("(0.21)", True),
        ("12 345", True),
        ("(1)", False),  # a column's number or a note, not a negative
        ("(2019)", False),
        ("12,34,567", False),
        ("1,2,3", False),
    ],
)
def test_which_printed_figures_are_values(text, value):
    assert is_value(text) is value


def test_a_table_whose_groups_are_set_apart_by_white_at_two_leadings(tmp_path):
    """Key figures as a fund's accounts print them: groups at a wide leading, then groups at
    a narrow one, the last set apart by a little more white than the first ones. One table,
    not two."""
    rows = [  # (top of the line, label, value)
        (180.7, "Class A", ""),
        (202.7, "Net asset value", "5,111,372"),
        (224.5, "Units outstanding", "49,136"),
        (246.4, "Value per unit", "104.03"),
        (281.0, "Class B", ""),
        (303.0, "Net asset value", "49,144,825"),
        (325.0, "Units outstanding", "471,555"),
        (347.0, "Value per unit", "104.22"),
        (380.0, "Total for the fund", ""),
        (401.0, "Net asset value", "54,256,197"),
        (423.0, "Units outstanding", "520,691"),
        (445.0, "Investment result", ""),
        (456.0, "Direct result", "-"),
        (467.0, "Revaluation", "2,076,667"),
        (478.0, "Costs", "(106,870)"),
        (498.0, "Total investment result", "1,969,797"),
        (536.0, "Investment result per unit", ""),
        (547.0, "Direct result", "-"),
        (558.0, "Revaluation", "3.99"),
        (569.0, "Costs", "(0.21)"),
        (590.0, "Total investment result per unit", "3.78"),
    ]
    path = tmp_path / "groups.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    for top_y, label, value in rows:
        c.setFont("Helvetica-Bold" if not value or label.startswith("Total") else "Helvetica", 9)
        c.drawString(72, height - top_y - 7, label)
        c.drawRightString(480, height - top_y - 7, value)
    c.save()
    found = read_measured_tables(path.read_bytes())
    cells = [[label, value] for _, label, value in rows]
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", cells)]
