"""The PDF engine's tolerances and thresholds, each with its reason, as pdfplumber's TableSettings.

Every number the engine's logic compares with is a field here. Each field's comment starts
with its unit in parentheses, then its reason:

* ``(sizes)``: multiples of the font size of the text concerned (most values: they scale
  with the print); ``(lines)``: multiples of the median line height;
* ``(pt)``: PDF points (1/72 inch), where what is measured has no font size (rulings,
  drawings) or where a font size itself is compared; the comment says which;
* ``(share)``, ``(ratio)``, ``(count)``, ``(digits)``, ``(bytes)``: as named.

Module-level defaults (``LAYOUT``, ``TEXT``, ``PAGE_TABLES``, ``TABLES``, ``CHARTS``,
``FILE``) are the default values of the engine's entry points, which pass them down.

A spec may override fields of ``TableSettings`` for one table: ``settings = {field = value}``
in a ``[[table]]`` entry of ``specs/<family>/<year>.toml``. Overrides apply to the tables
found under a caption that the entry's ``caption`` pattern finds (``SettingsByCaption``);
``PageTableSettings`` are used before any caption is known (finding captions, pictures and
tables without a caption, ordering the tables of a page) and hold for a whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutSettings:
    """Glyphs into lines and segments, footnote markers, rulings (``layout.py``)."""

    # (digits) font sizes are kept to 1/100 pt; further digits are noise of the text matrix
    glyph_size_digits: int = 2
    # (pt) glyphs, segments and rules whose positions round to one point sort as one row, left
    # to right: a difference under a point is drawing noise, whatever the font size
    sort_step: float = 1.0

    # (sizes) a glyph drawn again, same text, font and size, this close to where it stands is
    # one glyph printed twice (a heavier look by overprinting): the narrowest letters of a
    # word ("ll", "ii") stand a fifth of their size apart or more
    overprint: float = 0.1

    # glyph runs: glyphs of one size that follow each other on one baseline
    # (pt) font sizes that differ by less are one size; sizes are compared in points, as set
    run_size: float = 0.3
    # (sizes) glyphs whose baselines differ by less stand on one baseline
    run_baseline: float = 0.3
    # (sizes) a glyph may start this far left of the previous glyph's end (kerning)
    run_overlap: float = 0.5
    # (sizes) a glyph may start this far right of the previous glyph's end (a space)
    run_gap: float = 0.6

    # footnote markers: small glyphs raised above the text they follow
    # (ratio) a marker is at most this fraction of the size of the text it belongs to: 0.85,
    # as browsers print a <sup> at font-size "smaller", 1/1.2 (0.83) of its text
    superscript_ratio: float = 0.85
    # (sizes) the text of a marker is looked for from this far above the marker's top
    marker_above: float = 3.0
    # (sizes) ... to this far below the marker's bottom
    marker_below: float = 1.0
    # (sizes) a marker may overlap its text by this much, or stand this far after it
    marker_touch: float = 0.3
    # (sizes) a marker printed before its text (a footnote's number) may stand this far before it
    marker_after_gap: float = 0.8
    # (sizes) a marker's bottom is at least this far above the baseline of its text
    marker_raise: float = 0.15
    # (sizes) a marker's top is at most this far above the top of its text
    marker_max_rise: float = 0.5

    # lines and segments
    # (count) a glyph joins one of the lines begun last: glyphs come by baseline, older lines
    # lie above; several lines stay open for columns whose baselines interleave
    line_lookback: int = 6
    # (sizes) glyphs whose baselines differ by less stand on one line
    line_baseline: float = 0.25
    # (sizes) a marker belongs to a line whose top is at most this far below the marker's top
    marker_line_rise: float = 0.3
    # (pt) ... and whose bottom the marker passes by less than this: slack for rounding of
    # glyph boxes, not a distance in the text
    marker_line_drop: float = 0.1
    # (pt) a vertical ruling this close to the gap between two glyphs lies between them:
    # rulings have no font size and are drawn to a fraction of a point
    rule_in_gap: float = 0.5
    # (sizes) a wider gap between two glyphs splits a line into segments (table columns)
    segment_gap: float = 1.0
    # (sizes) after a space glyph (part of the gap itself), only a gap this wide splits a line
    segment_gap_after_space: float = 2.5
    # (sizes) a wider gap between glyphs is read as a space between words
    word_gap: float = 0.12
    # (sizes) after a marker, only a gap this wide is a space: a marker's box ends early
    word_gap_after_marker: float = 0.25

    # rulings and filled boxes
    # (pt) a drawn line thinner than this is a ruling: drawings have no font size
    line_thickness: float = 1.5
    # (pt) a rectangle thinner than this is a ruling drawn as a bar
    rect_thickness: float = 2.0
    # (pt) rules on lines less than this apart are collinear
    rule_collinear: float = 1.0
    # (pt) collinear rules with a gap no wider than this are one rule (borders drawn per cell)
    rule_join_gap: float = 2.0
    # (pt) marks smaller than a rule's thickness both ways (dots, dashes) that follow each
    # other on one line this close are the pieces of one dotted rule: wider than
    # rule_join_gap, as dots are set further apart than a rule's pieces, yet under the gap
    # between two words' dots of a dot leader drawn as paths at a body size
    dot_gap: float = 3.0
    # (count) so many dots in a row, or more, make a dotted rule; fewer are a mark
    # (a bullet's dot, a colon drawn as paths)
    dotted_rule_dots: int = 4
    # (share) a rectangle or drawing covering more of the page is its background
    background_share: float = 0.5
    # (share) a fill whose colour components are all at least this is white: no shading
    white: float = 0.99

    # marks: the paths of a page with their colours, for charts (``marks.py``)
    # (digits) colour components are kept to 1/10 000: further digits are noise of the
    # conversion from gray or CMYK, and no two series of a chart differ by so little
    colour_digits: int = 4
    # (digits) the corners of a path that agree to 1/100 pt lie on one side: a bar that a
    # program writes as a closed path rather than as a rectangle
    corner_digits: int = 2

    # the page as PDFium reads it (``objects.py``)
    # (digits) coordinates are kept to 1/10 000 pt: PDFium computes in 32-bit floats, whose
    # noise at a page's scale (under 1/10 000 pt on a page of 1000 pt) is no distance in print
    coordinate_digits: int = 4
    # (pt) a path whose box lies farther than this outside its clipping path is hidden whole;
    # slack for the rounding of both boxes, not a distance on the page
    clip_slack: float = 0.5


@dataclass(frozen=True)
class TextSettings:
    """Reading order, paragraphs, graphic regions and bullets (``text.py``)."""

    # (digits) the body size of a page is its most common font size, rounded to this
    body_size_digits: int = 1
    # (pt) the body size of a page without text: a usual body size (nothing is read there)
    fallback_body_size: float = 10.0
    # (count) a cluster of at least this many drawing objects is a chart or a diagram, not a
    # frame or a rule
    graphic_min_items: int = 6
    # (pt) drawing objects this close belong to one graphic: drawings have no font size
    graphic_gap: float = 3.0
    # (pt) text whose centre lies this close outside a region left out (table, chart) is in it:
    # slack for drawing precision
    exclude_pad: float = 1.0

    # bullets
    # (sizes) a bullet whose centre is this close to a segment's, vertically, is on its line
    bullet_baseline: float = 0.5
    # (sizes) a bullet at most this far left of a segment starts it
    bullet_gap: float = 4.0

    # reading order: recursive XY-cuts
    # (lines) a horizontal gap this high cuts the page into bands read one after the other
    band_gap: float = 0.9
    # (lines) a vertical gap this wide cuts a band into columns ...
    column_gap: float = 1.0
    # (pt) ... but never a gap narrower than this: with small text, word gaps are not columns
    column_gap_min: float = 10.0
    # (pt) any gap wider than this separates two lines of a column (a gap at all: above noise)
    line_gap: float = 0.01

    # paragraphs
    # (sizes) the gap between a paragraph's lines where the page gives no usual gap of its own
    leading_default: float = 0.2
    # (sizes) a paragraph's lines may be this much further apart than the usual gap
    leading_slack: float = 0.2
    # (sizes) a line that starts this far above the previous one (a new column) starts a new
    # paragraph
    line_back: float = 0.5
    # (pt) a change of font size by more starts a paragraph; sizes are compared in points
    paragraph_size_change: float = 0.6
    # (pt) bold text larger than the body size by more is a heading; sizes in points
    heading_size_step: float = 0.4

    # the usual gap between a paragraph's lines, measured per page and font size
    # (pt) lines whose font sizes differ by less are measured together; sizes in points
    leading_same_size: float = 0.3
    # (pt) font sizes are grouped by rounding to this: the usual gap is kept per point size
    leading_size_step: float = 1.0
    # (pt) lines whose left edges are this close are measured as lines of one paragraph: room
    # for a hanging indent, less than a column gap
    leading_indent: float = 20.0
    # (pt) lines may overlap by this much (descenders reach into the next line's box)
    leading_overlap: float = 1.0
    # (sizes) a larger gap is between paragraphs and is not measured
    leading_max: float = 2.0
    # (share) the usual gap is this quantile of the gaps measured: gaps within paragraphs are
    # the small ones
    leading_quantile: float = 0.25
    # (count) with fewer gaps measured, a font size has no usual gap of its own
    leading_min_samples: int = 2


@dataclass(frozen=True)
class PageTableSettings:
    """What is found on a page before a table's caption is known (``tables.py``,
    ``content.py``): caption lines, pictures, tables without a numbered caption, and the order
    of the tables. One for the whole document; a spec cannot override these per table."""

    # caption lines ("Tabell 2. ..." and its wrapped lines)
    # (sizes) a caption's next line starts at most this far below the line before
    caption_line_gap: float = 0.8
    # (sizes) ... or this far where it goes on with the line before (a comma or a word that
    # cannot end it, or lower case after it): a caption set with wide leading (LibreOffice)
    caption_goes_on_gap: float = 1.5
    # (sizes) ... and at least this far below the top of the line before (not the same line)
    caption_next_line: float = 0.5
    # (pt) a caption's lines start this close to its first line's left edge: aligned text
    caption_indent: float = 3.0
    # (pt) lines whose font sizes differ by less are of one style; sizes in points
    caption_same_size: float = 0.3
    # (ratio) a caption with no separator after its number ("Tabell 2 Resultat per fylke") is
    # a heading where it is bold, or at least this many times the size of the text right above
    # and right below it; else a caption only where a table or a drawing stands by it
    caption_heading_size: float = 1.1

    # pictures
    # (ratio) a picture longer than this times its height (or higher than this times its
    # width) is a bar or a line, not a table
    decoration_aspect: float = 15.0
    # (share) a picture covering less of the page is a logo or an icon, not a table
    decoration_area: float = 0.03

    # tables and pictures without a numbered caption
    # (share) a ruled grid without a caption is a table when this share of its cells hold text
    min_filled: float = 0.5
    # (count) aligned text without a caption or a grid is a table with this many rows that
    # fill two columns or more: two lines that align may be chance
    min_rows: int = 3
    # (share) ... and this share of its rows fill two columns or more
    min_full_rows: float = 0.5
    # (share) ... and this share of its cells hold text: a chart's labels and scattered words
    # leave most cells empty
    min_density: float = 0.35
    # (sizes) a drawn line that bends or slants by more is a chart's, not a rule
    chart_tolerance: float = 0.3
    # (sizes) a filled box at least this thick (a rule is thinner) ...
    bar_thickness: float = 0.3
    # (count) ... is a chart's bar where this many such boxes, without text, of one
    # thickness on one base line, have different lengths
    chart_bars: int = 3
    # (pt) filled boxes of one colour this close are one fill drawn in pieces: where any
    # piece holds text it is a cell's background (a cell's padding drawn apart), not bars
    fill_piece_touch: float = 0.5
    # (pt) a picture this close under a numbered caption is that caption's; fixed, as pictures
    # have no font size
    captioned_image_gap: float = 60.0
    # (pt) a title line may reach this far into the picture under it: drawing precision
    title_overlap: float = 2.0
    # (sizes) a picture's title line ends at most this far above it
    title_gap: float = 4.0
    # (sizes) the lines of a title follow each other this closely
    title_line_gap: float = 0.8
    # (pt) the lines of a title start this close to each other: aligned text
    title_indent: float = 3.0

    # (pt) tables whose tops round to one multiple of this stand in one row, read left to
    # right: tops of tables side by side differ by a few points, whatever the font
    order_row_step: float = 5.0

    # tables without column rules: runs of lines that print values after a stub (``blocks.py``)
    # (share of a segment's height) trimmed above and below before segments are grouped into
    # printed lines, so that ascenders and descenders do not join two lines
    line_core: float = 0.2
    # (sizes) a wider white gap between two lines ends a table: rows of a table stand closer
    # than the paragraphs around it
    block_gap: float = 1.5
    # (share of the usual gap between a table's lines so far, at least two of them) a table
    # printed with wide leading ends only at a gap wider than this many of its own gaps: a
    # group heading set off by some more white goes on with it
    block_gap_rows: float = 2.0
    # (share of the widest gap a table has gone over, at least two of them) a table that sets
    # its groups apart by white goes on over a gap about as wide as its other groups' (the
    # leading of its groups may differ, and with it the usual gap)
    block_gap_groups: float = 1.25
    # (count) lines without values between two lines of values that a table may hold: a stub
    # wrapped over three lines, a group heading
    wrap_lines: int = 3
    # (count) lines above a table's first line of values that may be its header: a header of
    # wrapped cells under a group header
    header_lines: int = 6
    # (sizes) a wider white gap above a header line ends the header
    header_gap: float = 1.5
    # (sizes) a header line may begin this far left of the body's left edge or right of its
    # right edge: a header cell is centred over a column narrower than itself (one set flush
    # left may end past the values as far as its text goes)
    header_reach: float = 4.0

    # running text (``prose.py``): no table is looked for in it
    # (share) a segment with at least this share of words of letters is text, not figures
    prose_letters: float = 0.7
    # (count) a segment of this many words or more ...
    prose_words: int = 12
    # (sizes) ... as wide as this or wider is running text by itself: no cell is so long
    prose_width: float = 14.0
    # (count) lines of text stacked at one left edge that may make a paragraph ...
    prose_lines: int = 3
    # (count) ... with at least this many words a line (the median) ...
    prose_line_words: float = 4.0
    # (share) ... half of them or more filled to this share of the widest: a column of cells
    # is ragged
    prose_fill: float = 0.75
    # (sizes) ... starting this close to each other (a first line's indent) ...
    prose_indent: float = 1.5
    # (sizes) ... at most this far apart (the leading of running text) ...
    prose_gap: float = 1.0
    # (share) ... and this share of the lines after the first going on in lower case: cells
    # begin anew, running text goes on
    prose_lower: float = 0.3

    # page furniture and tables over a page break (``furniture.py``, ``content.py``)
    # (count) lines at the top and at the bottom of a page that may be running heads, feet or
    # page numbers
    furniture_lines: int = 2
    # (pt) a running head or foot is printed at the same height on every page, to this; fixed,
    # as it is a position on the page, not a distance in text
    furniture_shift: float = 2.0
    # (sizes) ... and stands further than this from the page's other lines: a table's head
    # repeated atop its parts repeats too, but in a stack of lines a point or two apart
    furniture_gap: float = 0.5
    # (count) with no heading, a table of contents is at least this many lines in a row with
    # dot leaders, each ending in a page number of the document: fewer is a form to fill in
    contents_lines: int = 3
    # (count) under a contents heading, an entry's page number is at most this: the numbers
    # printed need not be the PDF's pages (a report numbered from its cover, or a part of one)
    contents_max_page: int = 999
    # (ratio) text under a table printed smaller than this times the table's text is footnotes
    # or notes: the table may go on on the next page
    footnote_size: float = 0.9
    # (sizes) a table's part on the next page stands in its columns to this: columns are set
    # again on every page, to a point or two
    continuation_slack: float = 1.0


@dataclass(frozen=True)
class TableSettings:
    """How the tables under one caption are found and read (``tables.py``). A spec entry may
    override any field for the tables its caption pattern finds."""

    # rule structures: the rules (and filled boxes) of one printed table
    # (pt) a shorter horizontal rule is an underline or a tick, not a table's rule: rules
    # have no font size
    min_hrule_length: float = 20.0
    # (pt) a shorter vertical rule is a tick, not a column rule
    min_vrule_length: float = 4.0
    # (pt) rules and boxes this close touch, and rules this close are on one line: the
    # precision tables are drawn with
    rule_tolerance: float = 2.0
    # (sizes) a rule at most this far under a segment's bottom, no wider than the segment,
    # underlines it: no table's rule
    underline_drop: float = 0.3
    # (pt) lone horizontal rules whose ends differ by less are of one width: one minimal table
    same_width: float = 3.0
    # (pt) two rules of one minimal table lie at most this far apart: a table body rarely fills
    # more than half an A4 page; rules further apart belong to different tables
    max_rule_distance: float = 400.0
    # (pt) text between two rules that reaches this far past their ends is outside the table
    text_outside: float = 5.0
    # (sizes) a blank stretch this high between two rules separates two tables
    blank_gap: float = 2.5
    # (pt) the font size a blank stretch is measured in where no text lies between the rules
    fallback_size: float = 10.0

    # grids and open tables (rules only above and below, columns from white space)
    # (share of the table's width) a shorter horizontal rule is no row boundary (an underline
    # under a group header)
    row_rule_length: float = 0.5
    # (pt) in a grid with column rules, a shorter rule is a cell's border (a row line where
    # a spanning cell beside it holds no text on both sides) where both its ends meet column
    # lines this closely (half the width of a rule drawn as a thin box, and drawing
    # precision); the edges of the box behind a cell's text stop short of them (1 pt or more)
    cell_border_reach: float = 0.8
    # (sizes) words of one run of text this far apart or more, a column line of a ruled grid
    # between them, are two cells' texts set close (heads on one line where no rule parts
    # them); a word space (a quarter of the size) is one phrase centred across the line
    cell_gap: float = 0.5
    # (share) a cell border counts as drawn where rules cover this much of it; less is a
    # merged cell
    rule_cover: float = 0.5
    # (share of a grid's height) a vertical rule through less of it is a header cell's
    # border, not a column rule
    column_rule: float = 0.5
    # (pt) column rules closer than this are one: a double rule, the edges of an inset cell
    # fill; no column is so narrow
    column_rule_merge: float = 6.0
    # (sizes) a stretch between two column rules narrower than this that holds no text is a
    # gutter between the fills of two cells, not a column
    gutter: float = 1.0
    # (pt) text whose centre lies this far outside a cell or a table still belongs to it
    cell_tolerance: float = 2.0
    # (share of a segment's height) trimmed above and below before segments are grouped
    # into rows, so that ascenders and descenders do not join two rows
    row_core: float = 0.2
    # (pt) white space between body values narrower than this does not split a column
    column_gap: float = 2.0
    # (sizes) white space between the words of segments splits a column where it runs down
    # through its lines at least this wide ...
    river_min: float = 0.5
    # (ratio) ... and this many times the usual space between the words: wider than the
    # spaces of a phrase that happen to line up
    river_spaces: float = 1.3
    # (pt) a header segment overlapping a column by more stands over it
    header_overlap: float = 1.0
    # (sizes) a header line this far under the line above (or further than the tightest
    # lines of the table, by row_gap_margin) may begin a header row of its own: the lines of
    # one cell stand closer, with the font's leading only
    header_row_gap: float = 0.6
    # (pt) an open table's header starts this far below its caption
    header_gap: float = 0.5
    # (sizes) a rule this close over a table's first line of text, the white between them
    # less than the font's leading (a top rule over the header), is the table's
    rule_over_text: float = 0.5
    # (share) of the lines of a table's body that may cross white space between two columns
    # (a long stub, a value printed wide) without joining them into one column
    river_crossing: float = 0.15
    # (sizes) a segment across two columns is cut at a gap between its glyphs this far into
    # either column at most: values set closer than the engine's segment gap
    cut_slack: float = 0.5
    # (sizes) ... and only at a gap at least this wide: wider than a space between words, so
    # that a header over several columns stays whole
    cut_gap: float = 0.5
    # (sizes) a line of a stub without values stands clearly closer to the line above than to
    # the line below (it goes on with the row above) by more than this
    row_gap_margin: float = 0.3
    # (sizes) a line of text cells without stub goes on with the text cells above it (a text
    # cell wrapped over lines) when it stands at most this far under them
    wrap_gap: float = 0.6

    # what lies under a caption
    # (sizes of the caption) captions whose tops are this close stand side by side
    caption_same_line: float = 2.0
    # (pt) a table, picture or neighbouring caption may reach this far past a caption's column
    caption_slack: float = 5.0
    # (pt) a caption's column ends this far before a neighbouring caption's
    caption_margin: float = 3.0
    # (sizes of the caption) tables whose tops are this close to the first one under a
    # caption stand side by side under it
    side_by_side: float = 3.0
    # (sizes of the caption) a table without rules starts within this distance under its
    # caption, and a table ends within this distance over a caption printed under it (room for
    # a line naming the source)
    caption_gap: float = 4.0
    # (pt) a picture under a caption may start this far above the caption's bottom
    image_overlap: float = 2.0
    # (sizes of the caption) a picture under a caption starts within this distance of it
    image_gap: float = 5.0


@dataclass(frozen=True)
class ChartSettings:
    """How a vector chart is found next to its "Figur" caption and read (``charts.py``,
    ``chartreader.py``, ``chartcheck.py``). Lengths scale with a font size or with the chart,
    never with one file's points."""

    # the drawing
    # (sizes of the caption) a chart is printed within a few lines of its caption, above or
    # below it
    caption_reach: float = 4.0
    # (sizes of the caption) ... or further off, to this, where nothing is printed between the
    # caption and the drawing with its labels: a browser's SVG keeps a margin inside its box
    caption_reach_clear: float = 10.0
    # (sizes of the caption) the paths of one chart are closer than a blank line; two
    # drawings are not
    cluster_gap: float = 1.5
    # (count) a group of fewer paths is a rule, a frame or a logo, not a chart
    min_marks: int = 4

    # text (in the size of the text concerned)
    # (sizes) tick and category labels are printed just outside the axes they belong to
    text_reach: float = 1.5
    # (sizes) a legend's swatch is a filled box no wider or higher than this, standing on the
    # line of its series' name
    swatch_size: float = 1.5
    # (sizes) a swatch, a tick mark or a legend row is centred on its text's line to half a
    # line
    align: float = 0.5
    # (sizes) a label may overlap the edge it is printed beside (a bar's end, an axis) by a
    # quarter line
    overlap: float = 0.25
    # (sizes) a thinner path is a line: an axis, a gridline, a tick mark, a line swatch
    thin: float = 0.15

    # the legend (in the size of the legend's text)
    # (sizes) a swatch is printed right before its text, a space or so apart
    legend_gap: float = 1.5
    # (sizes) a swatch is about one line high; most bars are higher
    swatch_height: float = 1.5
    # (sizes) a swatch is a few characters wide; most bars are wider or longer
    swatch_width: float = 4.0
    # (share of a colour channel) one program writes a series' colour the same way in its
    # bars and its swatch
    colour_tolerance: float = 0.02
    # (share of a colour channel) a fill this light in every channel is the background,
    # not a series
    white: float = 0.98
    # (share of a colour channel) channels this close are a grey: rules and gridlines, not
    # a series, which a chart's white panel holds every one of
    grey: float = 0.05

    # bars and lines
    # (share of a bar's width) the segments of one stack share their side edges
    edge_tolerance: float = 0.05
    # (sizes) stacked segments touch, and every bar starts on the baseline, to a sixth of
    # a line of the chart's text
    join_tolerance: float = 0.15
    # (share of the data's extent) a line across half the data is an axis or a gridline
    gridline_share: float = 0.5

    # value labels (in the label's size)
    # (sizes) a label printed on a bar's end sits within a line of that end
    label_reach: float = 1.0
    # (sizes) a point's label is printed right next to the point
    point_reach: float = 1.5
    # (sizes) a second point within a line of the nearest one is a rival reading, not a
    # farther one
    point_margin: float = 1.0
    # (share of a reading's tolerance) a label whose place the geometry leaves open goes to
    # the one reading its value fits on that mark's scale, when every other reading misses
    # by more than twice the tolerance: a near miss is no proof
    scale_margin: float = 2.0

    # axes (in the label's size)
    # (sizes) category labels are printed within two lines of the axis
    category_reach: float = 2.0
    # (sizes) the baselines of one wrapped label's lines are 1.2 to 1.5 sizes apart
    line_gap: float = 1.6
    # (count) any two tick labels lie on a straight line; three or more test that they are
    # an axis
    min_ticks: int = 3
    # (sizes) a tick label is centred on its tick mark to half a line
    tick_tolerance: float = 0.5

    # the self-check
    # (share of the plot's length) paths are written to a fraction of a point: 0.5 % of a
    # plot's length along the value axis is far above that
    drawing_tolerance: float = 0.005


@dataclass(frozen=True)
class FileSettings:
    """Checks of a PDF file's bytes before it is parsed (``pdffile.py``)."""

    # (bytes) the "%PDF-" header must start within this many bytes, as readers accept
    header_window: int = 1024
    # (bytes) the "%%EOF" marker must stand within this many bytes of the end (trailing
    # garbage after it is common)
    eof_window: int = 4096
    # (count) tokens read from the start of a page's content stream object to its "stream"
    # keyword: its dictionary holds a handful; an object with more is not read as a stream
    stream_header_tokens: int = 10_000
    # (bytes) "endstream" must follow a stream's declared end within this many bytes (the
    # end-of-line and padding that writers put before it), else the /Length is damaged
    endstream_window: int = 64
    # (share) a stream may inflate to at most this share of the memory a worker has left:
    # PDFium holds a page's inflated content and the objects parsed from it at once, and
    # aborts the process when an allocation fails, so a larger stream is told as too large
    inflate_share: float = 0.5
    # (bytes) streams are inflated this much at a time to count their size, nothing kept
    inflate_chunk: int = 1 << 20
    # (bytes) a stream's dictionary is looked for this far before its "stream" keyword:
    # dictionaries of streams hold a handful of entries, a few hundred bytes
    stream_dict_window: int = 4096


LAYOUT = LayoutSettings()
TEXT = TextSettings()
PAGE_TABLES = PageTableSettings()
TABLES = TableSettings()
CHARTS = ChartSettings()
FILE = FileSettings()


@dataclass(frozen=True)
class EvidenceSettings:
    """How much a page must show before it is evidence of a table (each with its reason)."""

    # (share) a region is read when tables read cover this share of its area: a table read
    # from part of a grid (its body without a header row) still covers most of it
    covered: float = 0.5
    # (count) a ruled grid is evidence with this many text segments inside it: a frame or a
    # box round a paragraph holds one or two
    grid_segments: int = 4
    # (count) filled rectangles that touch form a block of cells from this many on: a
    # legend or a highlighted word is one or two
    fill_cells: int = 6
    # (pt) filled cells this close together touch (cells drawn with a white gap between)
    fill_gap: float = 3.0
    # (count) lines of aligned values are evidence from this many on: a table has three
    # rows or more, while two lines that align may be chance
    aligned_lines: int = 3
    # (count) ... each with at least this many values apart (two value columns)
    line_values: int = 2
    # (sizes) values whose right edges are this close line to line stand in one column
    align_tolerance: float = 0.6
    # (sizes) lines this far apart or more are not one run of lines
    line_gap: float = 2.5
    # (pt) text this close outside a cell's box still counts as inside it (glyph overhang)
    cell_slack: float = 1.0


EVIDENCE = EvidenceSettings()


@dataclass(frozen=True)
class SettingsByCaption:
    """The TableSettings of each captioned table: those of the first override whose caption
    pattern is found in the table's caption (case-insensitive, as spec entries match), else
    the defaults. Tables without a numbered caption are read with the defaults."""

    defaults: TableSettings = TABLES
    overrides: tuple[tuple[str, TableSettings], ...] = ()

    def for_caption(self, caption: str) -> TableSettings:
        return next(
            (s for pattern, s in self.overrides if re.search(pattern, caption, re.I)),
            self.defaults,
        )


BY_CAPTION = SettingsByCaption()
