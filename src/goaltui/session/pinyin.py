"""Chinese names spelled in pinyin, for sorting and for typing with the input method off.

pypinyin reads a name word by word with its phrase dictionary, so a character with
several readings gets the one the word has (银行 yinhang, 行政 xingzheng; 会计 kuaiji,
会议 huiyi), which a table of characters cannot do. Results are cached by name: the
palette spells every project's name when it opens, and again only the new names.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def spelled(name: str) -> str:
    """*name* in pinyin without tones, syllables separated by spaces (其他 → ``qi ta``)."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(name.strip()))


@lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """The first letters of *name*'s syllables (区人大办 → ``qrdb``); other characters as they are."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name.strip(), style=Style.FIRST_LETTER, strict=False)).lower()
