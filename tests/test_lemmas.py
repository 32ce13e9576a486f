"""simplemma's dictionary kept as a file (text/lemmas.py) gives every lemma the dictionary in
memory gives; a folder that cannot be written leaves the lemmas as they were."""

from __future__ import annotations

import subprocess
import sys

import pytest
import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

from reportparse.run.preload import lemma_folder
from reportparse.text import lemmas

# inflections the grammar of statements reads by their lemma, and words of no dictionary
WORDS = [
    "introduksjonsprogrammet", "deltakerne", "avsluttet", "begynte", "steg", "ble",
    "gikk", "kvinnene", "flyktninger", "overgangen", "fylkeskommunene", "Øvrige",
    "arbeidsmarkedstiltak", "xqzv", "2024", "IMDi",
]  # fmt: skip


def _with_file(folder):
    """The lemmatizer and the words of the dictionary kept in ``folder``."""
    lemmas.use_folder(folder)
    try:
        return lemmas.lemmatizer(), lemmas.words()
    finally:
        lemmas.use_folder(None)


def test_the_file_holds_every_word_of_the_dictionary_with_its_lemma():
    folder = lemma_folder()
    lemmatizer, words = _with_file(folder)
    assert (folder / lemmas.file_name()).is_file()
    in_memory = DEFAULT_DICTIONARY_FACTORY.get_dictionary("nb")
    assert words is not in_memory
    assert len(words) == len(in_memory) > 600_000
    sample = [w for i, w in enumerate(in_memory) if i % 7 == 0]
    assert [words.get(w) for w in sample] == [in_memory[w] for w in sample]
    assert [lemmatizer.lemmatize(w, lang="nb") for w in WORDS] == [
        simplemma.lemmatize(w, lang="nb") for w in WORDS
    ]


def test_a_folder_that_cannot_be_written_leaves_the_dictionary_in_memory(tmp_path):
    lemmatizer, words = _with_file(tmp_path / "missing")  # no such folder to write into
    assert list(tmp_path.iterdir()) == []
    assert words is DEFAULT_DICTIONARY_FACTORY.get_dictionary("nb")
    assert lemmatizer.lemmatize("begynte", lang="nb") == "begynne"


def test_a_damaged_file_is_written_anew(tmp_path):
    (tmp_path / lemmas.file_name()).write_bytes(b"not a trie")
    lemmatizer, words = _with_file(tmp_path)
    assert words is not DEFAULT_DICTIONARY_FACTORY.get_dictionary("nb")
    assert len(words) == len(DEFAULT_DICTIONARY_FACTORY.get_dictionary("nb"))
    assert (tmp_path / lemmas.file_name()).stat().st_size > 1_000_000
    assert lemmatizer.lemmatize("begynte", lang="nb") == "begynne"


@pytest.mark.process  # a fresh interpreter
def test_a_run_that_finds_the_file_decodes_no_dictionary():
    lemma_folder()  # the file, written by the test above or by the session's run
    _with_file(lemma_folder())
    code = (
        "from simplemma.strategies.dictionaries import dictionary_factory as f\n"
        "f._load_dictionary_from_disk = None  # decoding would fail\n"
        "from reportparse.run.preload import before_fork\n"
        "from reportparse.text.grammar import lemma\n"
        "before_fork()\n"
        "print(lemma('begynte'), lemma('introduksjonsprogrammet'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "begynne introduksjonsprogram\n"), done.stderr
