"""Saved imdi.no news pages written for the tests, in the markup of the corpus pages.

Each page has the site around the article (skip link, header with navigation and
search, cookie notice, breadcrumbs, share block, feedback box, footer), and the
furniture carries numbers of its own, so that reading any of it would show up as
a spurious key figure. The articles say the facts of other years in other words
than the corpus pages.
"""

from __future__ import annotations

import json
from pathlib import Path

HEADER = """<a class="skip-link" href="#main">Hopp til hovedinnhold</a>
<header class="site-header">
<a class="site-header__logo" href="/" aria-label="IMDi – til forsiden"><span>IMDi</span></a>
<nav class="site-nav" aria-label="Hovedmeny"><ul><li><a href="/bosetting/">Bosetting</a></li>
<li><a href="/introduksjonsprogram/">Introduksjonsprogram</a></li>
<li><a href="/tall-og-statistikk/">Tall og statistikk: 356 kommuner</a></li></ul></nav>
<form class="site-search" role="search" action="/sok/"><label for="q">Søk</label>
<input id="q" name="q" type="search" placeholder="Søk i 1 200 artikler"><button>Søk</button></form>
</header>"""
COOKIES = """<div class="cookie-banner" role="dialog" aria-label="Informasjonskapsler">
<p>Vi bruker informasjonskapsler. 9 av 10 besøkende godtar dem, og 12 000 personer har lest
<a href="/om-imdi/personvern/">personvernerklæringen</a>.</p>
<button type="button">Godta alle</button></div>"""
BREADCRUMBS = """<nav class="breadcrumbs" aria-label="Brødsmulesti"><ol>
<li><a href="/">Forside</a></li><li><a href="/om-imdi/aktuelt-na/">Aktuelt 2025</a></li>
<li aria-current="page">{title}</li></ol></nav>"""
SHARE = """<div class="share" aria-label="Del artikkelen"><span class="share__label">Del</span>
<a href="https://www.facebook.com/sharer/">Facebook (25 prosent delte)</a>
<a href="mailto:?subject={title}">E-post</a></div>"""
FEEDBACK = """<section class="feedback" aria-label="Tilbakemelding"><p>Fant du det du lette etter?
87 prosent svarte ja.</p><button type="button">Ja</button> <button type="button">Nei</button>
</section>"""
FOOTER = """<footer class="site-footer">
<section><h2>Kontakter</h2><p><a href="/om-imdi/kontakt-oss/">Kontakt IMDi</a> ·
<a href="mailto:post@imdi.no">post@imdi.no</a></p></section>
<section><h2>Om oss</h2><p>IMDi har om lag 250 ansatte og skal</p><ul>
<li>ivareta arbeidet med bosetting av 5 000 flyktninger</li>
<li>legge til rette for at flere innvandrere deltar i arbeids- og samfunnsliv</li></ul></section>
</footer>"""


def page(
    title: str,
    lead: str,
    body: str,
    *,
    meta_line: str = "",
    head: str = "",
    in_main: bool = True,
    after_article: str = "",
) -> str:
    """A saved news page: ``lead`` and ``body`` are the article's HTML."""
    article = f"""<article class="article">
<h1>{title}</h1>
{SHARE.format(title=title)}
<p class="article__lead">{lead}</p>
{meta_line}
<div class="article__body">
{body}
</div>
{FEEDBACK}
</article>"""
    content = f'<main id="main">\n{article}\n</main>' if in_main else article
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<title>{title} | IMDi</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="IMDi">
<meta property="og:title" content="{title}">
{head}
<style>body{{margin:0}}</style>
</head>
<body class="page page--article">
{HEADER}
{COOKIES}
{BREADCRUMBS.format(title=title)}
{content}
{after_article}
{FOOTER}
</body>
</html>
"""


def results_2019(path: Path) -> Path:
    """2019 results, printed 'Utgitt' date line, a county table in a <figure> with a group
    header, a stub header over two header rows and a footnote marker in a row label; an
    aside of related articles inside the article."""
    table = """<figure class="table-figure">
<table>
<thead>
<tr><th rowspan="2">Fylke</th><th colspan="3">Overgang direkte etter program (prosent)</th></tr>
<tr><th>Arbeid</th><th>Utdanning</th><th>Arbeid eller utdanning</th></tr>
</thead>
<tbody>
<tr><th scope="row">Oslo</th><td>30</td><td>16</td><td>46</td></tr>
<tr><th scope="row">Hordaland</th><td>35</td><td>15</td><td>50</td></tr>
<tr><th scope="row">Trøndelag</th><td>38</td><td>17</td><td>55</td></tr>
<tr><th scope="row">Troms<sup>1</sup></th><td>40</td><td>14</td><td>54</td></tr>
<tr><th scope="row">Østfold</th><td>28</td><td>13</td><td>41</td></tr>
<tr><th scope="row">Hele landet</th><td>33</td><td>14</td><td>47</td></tr>
</tbody>
</table>
<figcaption>Tabell 1: Overgang til arbeid og utdanning per fylke i 2019</figcaption>
</figure>
<p class="table-note"><sup>1</sup> Tallene for Troms omfatter også Svalbard.</p>"""
    body = f"""<h2>Antall deltakere</h2>
<p>I overkant av 9&nbsp;000 deltakere avsluttet programmet i 2019.</p>
<p>Antallet personer som avsluttet var 9&nbsp;214, mot 7&nbsp;760 året før.</p>
<h2>Kvinner og menn</h2>
<p>Kvinnene hadde en måloppnåelse på 36 prosent, mens 57 prosent av mennene gikk direkte over
i arbeid eller utdanning.</p>
<p>Om lag 1 av 2 deltakere gikk over i arbeid eller utdanning.</p>
<p>Andelen som gikk over til arbeid var 33 prosent, og 14 prosent var i utdanning.</p>
<aside class="related"><h2>Relaterte artikler</h2>
<ul><li><a href="/a/">Rekordmange bosatt: 15 300 flyktninger i 2016</a></li></ul></aside>
<h2>Resultater i fylkene</h2>
{table}"""
    html = page(
        "Flere i jobb etter introduksjonsprogrammet",
        "Av flyktningene som avsluttet introduksjonsprogrammet i 2019, gikk 47 prosent direkte "
        "over til arbeid eller utdanning.",
        body,
        meta_line='<p class="article__meta">Utgitt: 19. juni 2020</p>',
        head='<meta property="article:modified_time" content="2020-08-01T10:00:00+02:00">',
    )
    path.write_text(html, encoding="utf-8")
    return path


def results_2021(path: Path) -> Path:
    """2021 results: a headline with a figure, no printed date (JSON-LD and meta tags only),
    a footnote marker printed on a number, a revised figure for 2019."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2022-06-16T09:00:00+02:00",
        "publisher": {"@type": "GovernmentOrganization", "name": "IMDi"},
    }
    head = (
        '<meta property="article:published_time" content="2022-06-16T09:00:00+02:00">\n'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    body = """<p>Nøyaktig 3&nbsp;295<sup>1</sup> deltakere avsluttet, mot 4&nbsp;820 året før.</p>
<p>Måloppnåelsen for kvinner var 44 prosent, mens den var 62 prosent for menn.</p>
<p>Halvparten av kvinnene og 6 av 10 menn var i arbeid eller utdanning etter endt program.</p>
<h2>Utdanning og alder</h2>
<p>Blant deltakere med høyere utdanning var måloppnåelsen 68 prosent.</p>
<p>For deltakerne i alderen 18-24 år var måloppnåelsen 66 prosent.</p>
<p>Andelen som gikk til grunnskoleopplæring var 15 prosent.</p>
<ul class="quote-list"><li>Vi må få flere kvinner over i arbeid, sier direktøren.</li></ul>
<h2>Deltakere</h2>
<p>2&nbsp;246 nye deltakere startet i programmet i løpet av 2021.</p>
<p>I 2021 deltok 10&nbsp;595 flyktninger i introduksjonsprogram.</p>
<p>Til sammenligning avsluttet 9&nbsp;210 personer programmet i 2019.</p>
<p><sup>1</sup> Registrert i Nasjonalt introduksjonsregister per 1. februar 2022.</p>"""
    html = page(
        "4 av 10 gikk rett i jobb etter introduksjonsprogrammet",
        "I 2021 avsluttet om lag 3&nbsp;300 personer introduksjonsprogrammet, og 57 prosent av "
        "dem gikk over til jobb eller utdanning.",
        body,
        head=head,
    )
    path.write_text(html, encoding="utf-8")
    return path


def results_2024(path: Path) -> Path:
    """2024 results: no <main> (the article stands in <body> beside a box of related
    articles), the date only in a <time> element, groups from Ukraine and others."""
    body = """<p>For fordrevne fra Ukraina var andelen som gikk over i arbeid 44 prosent,
mot 25 prosent for øvrige flyktninger.</p>
<p>Blant kvinnene fra Ukraina gikk 41 prosent til arbeid.</p>
<p>I alt avsluttet 9&nbsp;600 personer med kollektiv beskyttelse programmet i 2024.</p>
<p>Om lag 5 av 10 menn og 4 av 10 kvinner var i arbeid eller utdanning etter programmet.</p>
<p>I 2024 deltok i overkant av 36&nbsp;000 personer i introduksjonsprogram.</p>
<p>Det er en nedgang på 2 prosentpoeng fra 2023.</p>
<p>Andelen som gikk direkte til videregående opplæring var 9 prosent.</p>"""
    related = """<aside class="teasers"><article class="teaser"><h3>Rekordmange bosatt</h3>
<p>I 2016 ble 15 300 flyktninger bosatt, og 40 prosent gikk over i arbeid.</p></article></aside>"""
    html = page(
        "Måloppnåelsen var 45 prosent i 2024",
        "Nesten 16&nbsp;000 flyktninger avsluttet introduksjonsprogrammet i 2024, og nesten "
        "halvparten gikk direkte over i arbeid eller utdanning.",
        body,
        meta_line='<p class="article__meta"><time datetime="2025-06-20">20.06.2025</time></p>',
        in_main=False,
        after_article=related,
    )
    path.write_text(html, encoding="utf-8")
    return path


def other_topic(path: Path) -> Path:
    """An imdi.no page that is not about the results of the programme."""
    html = page(
        "Nytt nasjonalt tolkeregister",
        "Fra 1. januar er det 2 400 kvalifiserte tolker i registeret.",
        "<p>Registeret viser tolkens kvalifikasjoner.</p>",
        meta_line='<p class="article__meta">Sist oppdatert: 3. januar 2024</p>',
    )
    path.write_text(html, encoding="utf-8")
    return path
