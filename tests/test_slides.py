"""The slide deck on the integration act (Prop. 81 L): family, tables page by page, key figures."""

from __future__ import annotations

from reportparse import families
from reportparse.readers.document import read_document

import pdfs

SLIDES = "imdi-integreringsloven-slides-2025"


def test_deck_is_its_own_family_from_its_content(results):
    src = results[SLIDES].source
    assert (src.family, src.year, src.source_id, src.status) == (
        "integreringsloven_slides", 2025, SLIDES, "ok"
    )  # fmt: skip
    assert src.title == (
        "Prop. 81 L (2024–2025) Endringer i integreringsloven mv. "
        "(økt arbeidsretting og formell opplæring i introduksjonsprogrammet)"
    )
    assert (src.pages, src.published) == (25, "2025-10-14")  # published: the PDF's creation date


def test_detection_needs_no_metadata():
    text = "Prop. 81 L (2024–2025) Endringer i\nintegreringsloven mv. (økt arbeidsretting)"
    found = families.detect(text, "pdf")
    assert (found.family.id, found.year) == ("integreringsloven_slides", 2025)
    # the Nøkkeltall report names the same changes of the act in a footnote: not a deck
    footnote = "Nøkkeltall introduksjonsordningen 2025\n¹ Endringer i integreringsloven medfører"
    assert families.detect(footnote, "pdf").family.id == "nokkeltall"
    assert families.detect("Endringer i integreringsloven", "pdf") is None


def test_tables_on_every_page(results):
    """Two rule tables (§ 13 on slide 5, § 14 on slide 9) and the agenda (slide 24); the
    flow-chart slides (19, 20) and the group-discussion slides (17, 18, 22, 23) give none,
    and no picture of the deck is listed as a table or a chart."""
    tables = results[SLIDES].tables
    got = [(t.table_id, t.pages, t.caption, t.method, t.status) for t in tables]
    assert got == [
        ("utabell-p5-1", [5], None, "ruled-grid", "extracted"),
        ("utabell-p9-1", [9], None, "ruled-grid", "extracted"),
        ("utabell-p24-1", [24], None, "ruled-grid", "extracted"),
    ]


def test_flow_chart_text_is_not_running_text(raw_dir):
    """The boxes of the flow charts (slides 19, 20) are drawings: their words give no
    paragraph; only the slide titles remain."""
    from reportparse.model import ContentMode
    from reportparse.readers.pdf.content import read_content
    from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

    pdf = open_pdf((raw_dir / f"{SLIDES}.pdf").read_bytes())
    try:
        content = read_content(page_layouts(pdf), ContentMode.SPEC_AND_UNNUMBERED)
    finally:
        pdf.close()
    flow = [(p.page, p.kind, p.text) for p in content.paragraphs if p.page in (19, 20)]
    assert flow == [
        (19, "heading", "Sammenhengen mellom avvisning, stans, avbrytelse og avslutning - del 1/3"),
        (20, "heading", "Etter oppstart av introduksjonsprogrammet: 2/3"),
    ]


RIGHT_AND_DUTY = (
    "Innvandrere fra og med 18 til og med 60 år […] har rett og plikt til å delta i "
    "introduksjonsprogram."
)
UKRAINE = (
    "Etter 3 måneder i programmet: arbeidsrettet innhold skal utgjøre minst 15 timer i uka i snitt"
)
MINIMUM = (
    "Det skal stilles krav til omfang med nye minstekrav - minst 15 timer i uken – delt opp "
    "mellom personer med og uten utdanning på videregående nivå eller høyere (innebærer "
    "innskjerping av kommunenes handlefrihet)"
)
WITH_EDUCATION = (
    "Med utdanning på videregående nivå/høyere - arbeidsrettet innhold skal starte fra 4. måned"
)


def test_key_figures_of_the_deck(results):
    """Every key figure, in reading order: dates as YYYYMMDD, an age range as its two
    bounds, hours per week, month numbers. None is a statistic, so none is classified."""
    got = [
        (f.page, f.sentence, f.expression, f.value, f.unit, f.approximate)
        for f in results[SLIDES].key_figures
    ]
    assert got == [
        (1, "20. juni 2025", "20. juni 2025", 20250620, "date", False),
        (1, "1. september 2025", "1. september 2025", 20250901, "date", False),
        (1, "1. januar 2026", "1. januar 2026", 20260101, "date", False),
        (1, RIGHT_AND_DUTY, "fra og med 18", 18, "years", False),
        (1, RIGHT_AND_DUTY, "til og med 60 år", 60, "years", False),
        (
            1,
            "Kommunen kan tilby introduksjonsprogram til […] til innvandrere over 60 år",
            "over 60 år", 60, "years", False,
        ),
        (11, "Hovedregelen for personer under 25 år", "under 25 år", 25, "years", False),
        (15, UKRAINE, "minst 15 timer i uka", 15, "hours_per_week", False),
        (
            15, "Deltidsprogram: gjennomsnittlig minst 10 timer i uka",
            "minst 10 timer i uka", 10, "hours_per_week", False,
        ),
        (16, MINIMUM, "minst 15 timer i uken", 15, "hours_per_week", False),
        (16, WITH_EDUCATION, "fra 4. måned", 4, "month_number", False),
        (
            16, "Uten utdanning – skal starte fra 7. måned.",
            "fra 7. måned", 7, "month_number", False,
        ),
    ]  # fmt: skip
    assert not [f for f in results[SLIDES].key_figures if f.classification.indicator]
    assert results[SLIDES].observations == []


def test_other_families_still_keep_statistics_only(results):
    units = {f.unit for f in results["imdi-nokkeltall-2025"].key_figures}
    assert units == {"persons", "percent", "percentage_points"}


def test_a_deck_for_another_bill_and_style_parses_without_code_changes(tmp_path):
    result = read_document(pdfs.law_slides(tmp_path / "lysark.pdf"))
    src = result.source
    assert (src.family, src.year, src.source_id) == (
        "integreringsloven_slides", 2027, "imdi-integreringsloven-slides-2027"
    )  # fmt: skip
    assert src.title == "Prop. 95 L (2026–2027) Endringer i integreringsloven (kortere program)"
    assert src.message == "no spec for 2027; read with the 2025 spec"
    # the flow chart (slide 4) and the group discussion (slide 5) give no table
    assert [(t.table_id, t.status) for t in result.tables] == [
        ("utabell-p2-1", "extracted"),
        ("utabell-p3-1", "extracted"),
    ]
    assert result.tables[0].cells[2] == [
        "Fra og med 20 år til og med 50 år (etter kartlegging)",
        "Forberede for høyere utdanning",
        "Inntil 3 måneder",
        "Inntil 12 måneder",
    ]
    rules = [
        (r["paragraph"], r["education_prerequisite"], r["end_goal"], r["age_min"], r["age_max"],
         r["max_duration_months"], r["extension_months"], r["note"], r["page"], r["locator"])
        for r in result.datasets["programme_rules"]
    ]  # fmt: skip
    assert rules == [
        ("13", "with_upper_secondary_or_higher", "Arbeid", None, None, 9, 0, None, 2,
         "utabell-p2-1 r1"),
        ("13", "with_upper_secondary_or_higher", "Forberede for høyere utdanning", 20, 50, 12, 3,
         "etter kartlegging", 2, "utabell-p2-1 r2"),
        ("14", "without_upper_secondary_or_higher", "Arbeid", None, None, 18, 0, None, 3,
         "utabell-p3-1 r1"),
        ("14", "without_upper_secondary_or_higher", "Fullføre videregående opplæring", None, 29,
         48, 12, None, 3, "utabell-p3-1 r2"),
    ]  # fmt: skip
    figures = [(f.page, f.expression, f.value, f.unit) for f in result.key_figures]
    assert figures == [
        (1, "1. juli 2027", 20270701, "date"),
        (1, "fra og med 18", 18, "years"),
        (1, "til og med 67 år", 67, "years"),
        (1, "minst 12 timer per uke", 12, "hours_per_week"),
        (1, "fra 2. måned", 2, "month_number"),
    ]
