"""The grammar of statistical statements (``specs/statements.toml``) applied to one number.

A sentence is cut into clauses; a number's statement is its own clause, read outward from
the number: the words after it (up to the next number of its clause), the words before
it (back to the previous one), then the rest of its clause. Where these say nothing of what
happened, the clause after it is taken too, when that clause has no number of its own and
follows a comma ("Rundt 2 400 av dem som avsluttet, gikk rett over i jobb"), not "mens".
The clauses before it that have no number say who the population is ("Av dem som
avsluttet programmet i 2019, ...").
A clause that compares and has no part of its own ("mot 26 000 i 2019") states what the
clause it compares with states; who a number counts gives an indicator only with a linking
verb ("Det var 24 500 deltakere"), never with a verb of its own the grammar does not know.

Words are compared by lemma: simplemma gives each word its Norwegian Bokmål lemma, so the
phrases of the grammar need not list inflections; a number becomes ``#`` (the one being
read) or ``N`` (any other). The grammar says what it matched, in the words printed, so that
a classification carries its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..contract.vocabulary import indicator_unit
from ..specs.statements import grammar
from .lemmas import lemmatize
from .quantities import Quantity

CLAUSE_BREAK = re.compile(r",\s+(?!\d)|;\s*|:\s+|\s+mens\s+|\s+men\s+|\s+samt\s+|\s+[–—]\s+")
# a clause that says when ("..., da 4 800 startet"): the period words before it are not its
_WHEN_CLAUSE = re.compile(r"^\W*da\b", re.I)
# words, dashes and slashes, and a question mark: a question states no value
_WORD = re.compile(r"\w+|[–/?-]")
# the break after which a clause goes on with the one before ("Rundt 2 400 av dem som
# avsluttet, gikk rett over i jobb"); after "mens", "men", a semicolon or a dash a new
# statement begins, whose words are not the number's ("Antallet som startet i 2018, var
# 8 200, mens antallet som avsluttet, var 10 300")
_CONTINUING = re.compile(r",\s*")
_NEW_STATEMENT = re.compile(r"^\W*(?:mens|men|samt|og|eller|mot)\b", re.I)
# a clause that names the population the next one counts among ("Av de 9 000 som avsluttet")
_PARTITIVE = re.compile(r"^\W*(?:av|blant)\b", re.I)
# a clause that compares with another ("mot 26 000 i 2019")
_COMPARING = re.compile(r"^\W*(?:mot|enn|sammenlignet med|sammenliknet med)\b", re.I)
PARTS = ("what", "who", "population", "complement", "linking")
DATES = ("date", "date_without_year")


@lru_cache(maxsize=20_000)
def lemma(word: str) -> str:
    """The Norwegian Bokmål lemma of ``word``, lower case; a word the grammar keeps as
    printed (a comparative) stays as it is."""
    word = word.lower()
    if word in _compiled().keep:
        return word
    found = lemmatize(word).lower()
    return _participle(word, found) or found


def _participle(word: str, found: str) -> str | None:
    """The adjective's base form of a verb's participle printed as an adjective
    ("avsluttede": "avsluttet"), where simplemma's lemma ``found`` is the verb's; else
    None."""
    for ending, base in _compiled().participle:
        stem = word[: -len(ending)]
        if word.endswith(ending) and found != word and found.endswith("e") and found != stem:
            return stem + base
    return None


def load_lemmas() -> None:
    """Load simplemma's Norwegian Bokmål dictionary and compile the grammar now. Decoding the
    dictionary takes about half a second of CPU, opening its file (text/lemmas.py) about a
    millisecond; a run calls this once before it forks its workers, which then share the
    loaded dictionary instead of each loading its own."""
    _compiled()
    lemmatize("og")


@dataclass(frozen=True)
class Match:
    kind: str  # who, what, population, complement, or a statement kind's id
    id: str
    words: str  # as printed


@dataclass
class Reading:
    """What the grammar makes of one number."""

    indicator: str | None = None
    rule: str = ""  # the statement rule's id
    parts: list[Match] = field(default_factory=list)  # the parts the rule used
    kind: Match | None = None  # a kind that is no year's value (accumulation, change ...)
    missing: str = ""  # for no indicator: the part missing and why
    said: bool = False  # the clause says what happened (a "what" part)
    # why the grammar found no indicator, where nothing else finds one (a footnote's anchor,
    # the sentence before): "what: deltakere with no verb the grammar knows"
    hint: str = ""
    # where the number's own words end, where they are less than its clause: the whole of a
    # partitive, whose clause goes on with its part
    ends: int | None = None


@dataclass(frozen=True)
class _Compiled:
    parts: tuple[tuple[str, str, tuple[re.Pattern, ...]], ...]
    kinds: tuple[tuple[str, str, str, str, bool, bool, tuple[re.Pattern, ...]], ...]
    statements: tuple[tuple[str, str, dict[str, str], frozenset[str]], ...]
    keep: frozenset[str]
    participle: tuple[tuple[str, str], ...]
    own_year: re.Pattern
    says_nothing: tuple[re.Pattern, ...]
    population_frame: tuple[re.Pattern, ...]
    dimension_words: tuple[re.Pattern, ...]
    population_definite: re.Pattern
    counted_nouns: tuple[re.Pattern, ...]
    published: tuple[re.Pattern, ...]
    whole_after: re.Pattern


def _phrases(phrases: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(x) for x in phrases)


@cache
def _compiled() -> _Compiled:
    g = grammar()
    return _Compiled(
        parts=tuple((p.kind, p.id, tuple(re.compile(x) for x in p.phrases)) for p in g.part),
        kinds=tuple(
            (k.id, k.part, k.reason, k.scope, k.bracketed, k.dated_too, _phrases(k.phrases))
            for k in g.kind
        ),
        statements=tuple((s.id, s.indicator, s.parts(), frozenset(s.among)) for s in g.statement),
        keep=frozenset(g.keep),
        participle=tuple(g.participle.endings.items()),
        own_year=re.compile(g.when.own_year),
        says_nothing=tuple(re.compile(p) for p in g.says_nothing),
        population_frame=_phrases(g.population_frame),
        dimension_words=_phrases([p for ps in g.dimension_words.values() for p in ps]),
        population_definite=re.compile(g.population_definite),
        counted_nouns=_phrases(g.counted_nouns),
        published=tuple(re.compile(p) for p in g.when.published),
        whole_after=re.compile(g.part_of.whole_after),
    )


class Lemmas:
    """The lemmas of a stretch of a sentence, one space apart, with where each came from."""

    def __init__(self, sentence: str, start: int, end: int, numbers: list[Quantity], q=None):
        self.sentence = sentence
        words: list[tuple[int, int, str]] = []
        # a date ("14. juni 2024") is "D": a point in time, neither a count nor a year
        spans = [(n.num_start, n.num_end, "#" if n is q else "D" if n.unit in DATES else "N")
                 for n in numbers]  # fmt: skip
        pos = start
        for a, b, token in sorted(spans):
            if b <= start or a >= end:
                continue
            words += self._words(pos, max(pos, a))
            words.append((a, b, token))
            pos = b
        words += self._words(pos, end)
        self.text, self.where = "", []
        for a, b, token in words:
            if self.text:
                self.text += " "
            self.where.append((len(self.text), a, b))
            self.text += token

    def _words(self, a: int, b: int) -> list[tuple[int, int, str]]:
        out = []
        for m in _WORD.finditer(self.sentence, a, b):
            w = m.group()
            out.append((m.start(), m.end(), "N" if w.isdigit() else lemma(w)))
        return out

    def printed(self, m: re.Match) -> str:
        """The printed words a match over the lemmas covers."""
        covered = [(a, b) for at, a, b in self.where if m.start() <= at < m.end()]
        if not covered:
            return m.group()
        return self.sentence[covered[0][0] : covered[-1][1]]


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The clauses of a sentence as (start, end); breaks inside brackets do not count."""
    out, start = [], 0
    for m in CLAUSE_BREAK.finditer(sentence):
        if sentence[: m.start()].count("(") > sentence[: m.start()].count(")"):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(sentence)))
    return out


def _find(kind: str, text: Lemmas) -> list[tuple[int, Match]]:
    """The parts of ``kind`` in ``text`` by position; where two overlap, the one listed first
    in the grammar wins."""
    found: list[tuple[int, int, Match]] = []
    for k, pid, patterns in _compiled().parts:
        if k != kind:
            continue
        for p in patterns:
            for m in p.finditer(text.text):
                if not any(m.start() < b and a < m.end() for a, b, _ in found):
                    found.append((m.start(), m.end(), Match(k, pid, text.printed(m))))
    return sorted(((a, m) for a, _, m in found), key=lambda f: f[0])


def _kind(
    texts: list[Lemmas], whole: Lemmas, dated: bool, bracketed: bool
) -> tuple[Match, str] | None:
    """The first kind of statement that is no year's value, looked for in ``texts`` (the
    number's clause and those that lend it words) or, for a kind of sentence scope, in the
    ``whole`` sentence; a number its own words date (``dated``) is no accumulation, and a
    number in brackets (``bracketed``) takes only the kinds that apply to one."""
    for kid, part, reason, scope, in_brackets, dated_too, patterns in _compiled().kinds:
        if (dated and part == "when" and not dated_too) or (bracketed and not in_brackets):
            continue
        for t in [whole] if scope == "sentence" else texts:
            text = _unpublished(t.text)
            for p in patterns:
                m = p.search(text)
                if m:
                    return Match(kid, kid, t.printed(m)), f"{part}: {reason}"
    return None


def _unpublished(text: str) -> str:
    """``text`` (lemmas) with the dates of publication blanked out, its length kept."""
    for p in _compiled().published:
        text = p.sub(lambda m: " " * len(m.group()), text)
    return text


def _population_spans(text: Lemmas) -> list[tuple[int, int]]:
    out = []
    for k, _, patterns in _compiled().parts:
        if k == "population":
            out += [m.span() for p in patterns for m in p.finditer(text.text)]
    return out


def _what(text: Lemmas) -> list[Match]:
    """The "what" parts of a text that are not inside a population ("som avsluttet")."""
    spans = _population_spans(text)
    return [m for at, m in _find("what", text) if not any(a <= at < b for a, b in spans)]


def says_nothing(
    sentence: str, numbers: list[Quantity], q: Quantity, places: list[tuple[int, int]] = ()
) -> bool:
    """Whether the clause of ``q`` says nothing of its own: no word is left once its numbers,
    the grammar's ``says_nothing`` phrases and the ``places`` it names (spans of
    ``sentence``) are taken out ("mens menn har 54 prosent", "mens Finnmark lå lavest med 38
    prosent")."""
    a, b = next((a, b) for a, b in clauses(sentence) if a <= q.num_start < b or b == len(sentence))
    lem = Lemmas(sentence, a, b, numbers, q)
    covered: set[int] = set()
    for p in _compiled().says_nothing:
        for m in p.finditer(lem.text):
            covered.update(range(m.start(), m.end()))
    for at, start, end in lem.where:
        stop = lem.text.find(" ", at)
        token = lem.text[at : stop if stop >= 0 else len(lem.text)]
        if token in ("#", "N") or all(i in covered for i in range(at, at + len(token))):
            continue
        if any(pa <= start and end <= pb for pa, pb in places):
            continue
        return False
    return True


def read(sentence: str, numbers: list[Quantity], figures: list[Quantity], i: int) -> Reading:
    """The statement of ``figures[i]`` (the statistics among ``numbers``, every number of
    ``sentence``): its indicator and the parts it matched, or the part it lacks."""
    q = figures[i]
    bounds = clauses(sentence)
    ci = next(n for n, (a, b) in enumerate(bounds) if a <= q.num_start < b or n == len(bounds) - 1)
    c_start, c_end = bounds[ci]

    def has_figure(a: int, b: int) -> bool:
        return any(a <= f.num_start < b for f in figures)

    mine = [f for f in figures if c_start <= f.num_start < c_end]
    k = mine.index(q)
    after_end = mine[k + 1].start if k + 1 < len(mine) else c_end
    before_start = mine[k - 1].end if k > 0 else c_start
    after = Lemmas(sentence, q.end, max(q.end, after_end), numbers)
    before = Lemmas(sentence, before_start, q.start, numbers)
    clause = Lemmas(sentence, c_start, c_end, numbers, q)
    following = None
    # the whole a partitive opens, with its part later in its clause ("Av de 30 000
    # deltakerne i 2022 var 14 000 kvinner", "Av snaut 2 800 avsluttede deltakere gikk 48
    # prosent ..."): its statement is its own words; what happened, and to whom, is the part's
    whole_of_part = k + 1 < len(mine) and bool(_compiled().whole_after.search(before.text))
    if whole_of_part:
        clause = Lemmas(sentence, c_start, after_end, numbers, q)
    elif (
        ci + 1 < len(bounds)
        and not has_figure(*bounds[ci + 1])
        and _CONTINUING.fullmatch(sentence[c_end : bounds[ci + 1][0]])
        and not _NEW_STATEMENT.match(sentence[bounds[ci + 1][0] :])
    ):
        following = Lemmas(sentence, *bounds[ci + 1], numbers)
    preceding = []
    counted_among = []  # the population a partitive clause names ("Av de 30 000 som kom")
    for a, b in reversed(bounds[:ci]):
        if has_figure(a, b):
            if _PARTITIVE.match(sentence[a:b]):
                counted_among.append(Lemmas(sentence, a, b, numbers))
            break
        preceding.append(Lemmas(sentence, a, b, numbers))
    out = Reading(ends=after_end if whole_of_part else None)
    texts = [clause]
    if not _WHEN_CLAUSE.match(sentence[c_start:]):
        texts += preceding
    # a number in brackets ("arbeid (19 prosent)") belongs to the words before it
    bracketed = sentence[: q.start].rstrip().endswith("(")
    nearest = (before, after) if bracketed else (after, before)
    what = next((w for t in (*nearest, clause) if (w := _what(t))), [])
    if not what and following is not None:
        what = _what(following)
        texts.append(following)
    borrowed = False
    if not what and not _WHEN_CLAUSE.match(sentence[c_start:]):
        # the share a clause before names ("Andelen som gikk til utdanning, var 18 prosent"),
        # where it proves a statement; else the number's clause is read as before
        what = next((w for t in preceding if (w := _what(t))), [])
        borrowed = bool(what)
    whole = Lemmas(sentence, 0, len(sentence), numbers, q)
    kind = _kind(texts, whole, bool(_compiled().own_year.search(clause.text)), bracketed)
    if kind is not None:
        out.kind, out.missing = kind
        return out
    found = {part: [m for t in (after, before, *texts) for _, m in _find(part, t)]
             for part in PARTS if part != "what"}  # fmt: skip
    found["population"] += [m for t in counted_among for _, m in _find("population", t)]
    out = _stated(q, what, found)
    if (
        out.indicator
        and not what
        and not whole_of_part
        and any(m.kind == "population" for m in out.parts)
        and not _compiled().population_definite.search(
            Lemmas(sentence, 0, q.num_end, numbers, q).text
        )
        and (unproved := _unproved_frame(
            Lemmas(sentence, before_start, after_end, numbers, q), following
        ))
    ):  # fmt: skip
        # "Utdanning ble neste steg for 1 480 personer som avsluttet": a count stated by its
        # population alone is that population's count only where its clause, and a clause
        # that goes on with it ("1 480 personer som avsluttet, flyttet til Oslo"), say
        # nothing else; a subject or verb the grammar does not know may say what happened
        return Reading(missing=f"what: {unproved} says what the number counts, which the "
                       "grammar does not know; its population alone does not")  # fmt: skip
    if out.indicator and (narrowing := _narrowing_relative(after)):
        # "I 2022 startet 4 000 personer som hadde bodd i Norge i under ett år": a relative
        # clause on the counted noun that is no part of a statement may count a subset
        return Reading(missing=f"who: a relative clause ({narrowing}) may narrow who is "
                       "counted, and the grammar does not read it")  # fmt: skip
    if out.indicator is None and borrowed:
        what, out = [], _stated(q, [], found)
    if out.indicator is None and what and following is not None and following not in texts:
        # "begynte 14 prosent av dem som avsluttet, på videregående opplæring"
        more = _what(following)
        if more:
            out = _stated(q, more, found)
    if not what and not any(found.values()) and _COMPARING.match(sentence[c_start:]):
        # "Programmet hadde 17 000 deltakere i 2021, mot 26 000 i 2019": a clause that
        # compares, with no part of its own, states what the clause it compares with states
        earlier = [j for j, f in enumerate(figures[:i]) if f.unit == q.unit]
        if earlier:
            main = read(sentence, numbers, figures, earlier[-1])
            if main.indicator:
                out.indicator, out.rule = main.indicator, main.rule
                out.parts = [*main.parts, Match("what", "compared", "as the clause compared with")]
    out.ends = after_end if whole_of_part else None
    return out


def _unproved_frame(own: Lemmas, following: Lemmas | None = None) -> str:
    """The first printed word of ``own`` (a number's own words) or ``following`` (a clause
    that goes on with them) that is neither a part of a statement, a number, nor a word of
    ``says_nothing``, ``population_frame`` or ``dimension_words``: a word that may say what
    happened to the population; "" where there is none."""
    for clause in (own, following):
        if clause is not None and (word := _unproved_word(clause)):
            return word
    return ""


def _narrowing_relative(after: Lemmas) -> str:
    """The printed words of a relative clause on the noun a number counts ("4 000 personer
    som hadde bodd ..."; ``after``: the number's words after it) that is not wholly parts
    of a statement, dimensions or frame words; "" where there is none. A relative clause
    right after a share ("20 prosent som gikk til arbeid") says what it is a share of."""
    m = re.match(r"^(?:\S+ )?(\S+) som\b", after.text)
    if m is None or not any(p.fullmatch(m.group(1)) for p in _compiled().counted_nouns):
        return ""
    m = re.search(r"\bsom\b", after.text)
    rest = Lemmas(after.sentence, 0, 0, [])
    rest.text = after.text[m.start() :]
    rest.where = [(at - m.start(), a, b) for at, a, b in after.where if at >= m.start()]
    if not _unproved_word(rest):
        return ""
    return after.sentence[rest.where[0][1] : rest.where[-1][2]]


def _unproved_word(clause: Lemmas) -> str:
    covered: set[int] = set()
    for _, _, patterns in _compiled().parts:
        for p in patterns:
            for m in p.finditer(clause.text):
                covered.update(range(m.start(), m.end()))
    for p in (*_compiled().says_nothing, *_compiled().population_frame,
              *_compiled().dimension_words):  # fmt: skip
        for m in p.finditer(clause.text):
            covered.update(range(m.start(), m.end()))
    for at, start, end in clause.where:
        stop = clause.text.find(" ", at)
        token = clause.text[at : stop if stop >= 0 else len(clause.text)]
        if token in ("#", "N", "D") or all(i in covered for i in range(at, at + len(token))):
            continue
        return clause.sentence[start:end]
    return ""


def _counted(population: str, unit: str) -> bool:
    """Whether a statement rule of ``unit`` is about ``population`` (as its population or
    one of those it counts among)."""
    return any(
        indicator_unit(indicator) == unit
        and (parts.get("population") == population or population in among)
        for _, indicator, parts, among in _compiled().statements
    )


def _stated(q: Quantity, what: list[Match], found: dict[str, list[Match]]) -> Reading:
    """The first statement rule of the unit of ``q`` whose parts were found."""
    out = Reading(said=bool(what))
    found = {**found, "what": what[:1]}
    for sid, indicator, parts, among in _compiled().statements:
        if indicator_unit(indicator) != q.unit or ("what" in parts) != bool(what):
            continue
        used = [next((m for m in found[k] if m.id == v), None) for k, v in parts.items()]
        if all(used):
            about = {parts.get("population"), *among}
            other = [m for m in found["population"] if m.id not in about]
            if other:
                out.missing = f"who: counts among {other[0].words}, which {sid} is not about"
                return out
            if found["complement"] and "complement" not in parts:
                words = found["complement"][0].words
                out.missing = f"who: names a subgroup ({words}) that {sid} does not count by"
                return out
            out.indicator, out.rule, out.parts = indicator, sid, used
            return out
    if what:
        out.missing = f"what: no indicator is {what[0].id} counted in {q.unit}"
    elif found["population"] and not _counted(found["population"][0].id, q.unit):
        # "Blant dem som gikk over til arbeid, var 30 prosent kvinner": a share or count of
        # a population no rule of its unit is about is no indicator, whatever else it says
        words = found["population"][0].words
        out.missing = f"who: counts among {words}, which no statement in {q.unit} is about"
    elif found["who"] and any(
        "who" in parts and indicator_unit(indicator) == q.unit
        for _, indicator, parts, _ in _compiled().statements
    ):
        words = found["who"][0].words
        out.hint = f"what: {words} with no verb the grammar knows"
    return out
