"""simplemma's Norwegian Bokmål dictionary, loaded in a millisecond from a file kept for it.

simplemma ships its dictionary compressed and decodes all of it (640 000 words) into a dict
on first use: about half a second of CPU in every run that classifies a key figure. The
same words and lemmas, saved once as a MARISA trie (simplemma's own ``TrieWrapDict`` reads
it; the library marisa-trie writes it), open in about a millisecond and answer every
lookup as the dict does, so every lemma, and so every classification, is the same.

The file is kept in a folder the run names (``use_folder``: the user's cache folder, kept
private as the cache is, run/private.py), under the versions of simplemma and marisa-trie
that made it, so that a new dictionary or file format is built anew. It is written whole
beside its place and then renamed into it, so that a run never opens half a file; a file
that cannot be read is written anew. Without a folder, or where the file cannot be
written, the dictionary is decoded in memory as simplemma does by default: slower, never
different.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.dictionary_factory import (
    DEFAULT_DICTIONARY_FACTORY,
    DictionaryFactory,
)

LANGUAGE = "nb"  # simplemma's Norwegian Bokmål
_folder: list[Path] = []  # the folder ``use_folder`` named, if any


def use_folder(folder: Path | None) -> None:
    """Keep the dictionary's file in ``folder`` (a private folder: nobody else may write
    it), from the next lemma on; None: decode it in memory."""
    _folder[:] = [folder] if folder is not None else []
    dictionary.cache_clear()
    lemmatizer.cache_clear()


def file_name() -> str:
    """The file's name: the language and the versions of the libraries that made it."""
    versions = "-".join(f"{name}-{metadata.version(name)}" for name in ("simplemma", "marisa-trie"))
    return f"{LANGUAGE}-{versions}.marisa"


@cache
def dictionary() -> DictionaryFactory:
    """simplemma's dictionary: from its file where a folder is named and the file can be
    had, else decoded in memory (simplemma's shared default)."""
    if _folder:
        try:
            return _opened(_folder[0])
        except (OSError, RuntimeError, ValueError):  # unreadable or unwritable: in memory
            pass
    return DEFAULT_DICTIONARY_FACTORY


@cache
def lemmatizer() -> simplemma.Lemmatizer:
    """simplemma's lemmatizer with its default strategy, over ``dictionary()``."""
    strategy = DefaultStrategy(dictionary_factory=dictionary())
    return simplemma.Lemmatizer(lemmatization_strategy=strategy)


def words() -> Mapping[str, str]:
    """Every word of the dictionary in use, with its lemma."""
    return dictionary().get_dictionary(LANGUAGE)


def _opened(folder: Path) -> _TrieFactory:
    """The dictionary from its file in ``folder``, written first where it is missing or
    cannot be read (damaged)."""
    path = folder / file_name()
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}")
    if path.is_file():
        try:
            return _TrieFactory(path)
        except (OSError, RuntimeError, ValueError):  # damaged: written anew below
            pass
    _write(path, DEFAULT_DICTIONARY_FACTORY.get_dictionary(LANGUAGE))
    return _TrieFactory(path)


def _write(path: Path, words: Mapping[str, str]) -> None:
    import marisa_trie

    trie = marisa_trie.BytesTrie((word, lemma.encode()) for word, lemma in words.items())
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    try:
        trie.save(str(tmp))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class _TrieFactory(DictionaryFactory):
    """simplemma's ``DictionaryFactory`` for the one language, read from its file."""

    def __init__(self, path: Path) -> None:
        import marisa_trie
        from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieWrapDict

        self._words = TrieWrapDict(marisa_trie.BytesTrie().load(str(path)))

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != LANGUAGE:
            raise ValueError(f"Unsupported language: {lang}")
        return self._words


def lemmatize(word: str) -> str:
    """simplemma's Norwegian Bokmål lemma of ``word``."""
    return lemmatizer().lemmatize(word, lang=LANGUAGE)
