"""Word segmentation for the labels: jieba's precise mode without its HMM, word for word what
``jieba.lcut(s, HMM=False)`` gives, in about half its time.

jieba (0.42) builds a dict of every word's ending positions for the whole block (its DAG), then
a second dict of best routes from right to left, calling ``log`` for every candidate word and
comparing tuples through a generator. Here one right-to-left pass does both over two lists.
Each string the pass looks up is asked of the dictionary once in a process: a table of the
strings met (kept with the dictionary, ``jieba_dictionary.Lexicon``, whose sorted words are
searched by bisection) holds a word's log frequency, or a mark for a prefix of words that is no
word itself, or for a string that is neither (one lookup in a small table per step instead of
three in a dict of half a million). The blocks, the skipped characters and the joined single
Latin letters and digits follow jieba's own patterns (``re_han_default``, ``re_skip_default``,
``re_eng``), taken from the jieba module itself. ``tests/test_segmentation.py`` checks the words
against jieba's on every sentence of the repository's reports and on generated text.
"""
from __future__ import annotations

from math import inf, log
from typing import Any

from hedui.core.extract.jieba_dictionary import lexicon

#: the table's marks, above any word's value: a prefix of words that is no word itself, and neither
#: (a word's value is its log frequency, below 0, or its negation, above 0, for a word that
#: begins no longer word: the walk along a position's words ends there without looking further)
PREFIX = 1e300
NEITHER = 2e300
#: ``first_word``: two routes whose scores are nearer than this are a tie as far as it can tell
#: (the rounding of a route's sum over a few hundred characters is far below it), and it looks at
#: strings of at most ``_LONGEST_HEAD`` characters
_NEAR_TIE = 1e-6
_LONGEST_HEAD = 500


class Segmenter:
    """``lcut(s)``: the words of ``s`` as ``jieba.lcut(s, HMM=False)`` has them."""

    def __init__(self, jieba: Any) -> None:
        lex = lexicon(jieba)
        #: (the frequency of a word, 0 for a prefix of words, None for neither (jieba's FREQ.get);
        #: whether a longer word begins with it)
        self.find = lex.find
        self.logtotal = log(lex.total)
        self.han = jieba.re_han_default
        self.skip = jieba.re_skip_default
        self.eng = jieba.re_eng
        #: each string met: log(frequency) - log(total) for a word (negated when no longer word
        #: begins with it), else PREFIX or NEITHER
        #: (the dictionary's own table: shared by the segmenters of the process)
        self.table: dict[str, float] = lex.table
        #: each character met alone in a block: whether ``re_eng`` matches it (a letter or digit)
        self.latin: dict[str, bool] = {}

    def lcut(self, s: str) -> list[str]:
        out: list[str] = []
        if self.han.fullmatch(s) is not None:  # one block (most strings asked): no split
            self._block(s, out)
            return out
        skip = self.skip
        odd = False
        # re.split with the pattern's one group: the blocks are the odd pieces (jieba's
        # re_han.match of each piece says the same: the others hold no character of a block)
        for piece in self.han.split(s):
            if odd:
                self._block(piece, out)
            elif not piece:
                pass
            elif skip.search(piece) is None:
                out.extend(piece)  # one character at a time
            else:
                for x in skip.split(piece):
                    if skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
            odd = not odd
        return out

    def first_alone(self, s: str) -> bool:
        """Whether the first word of ``lcut(s)`` is the first character of ``s`` alone, told
        without segmenting ``s``: its first two characters begin no word, and the first is
        outside a block (but the ``\\r`` of ``\\r\\n``) or in one and no letter or digit (those
        join the next ones). False: not known without segmenting."""
        if len(s) < 2:
            return False
        two = s[:2]
        lw = self.table.get(two)
        if lw is None:
            lw = self._look_up(two)
        if lw != NEITHER:
            return False
        c = s[0]
        if not self.han.match(c):
            return two != "\r\n"
        latin = self.latin.get(c)
        if latin is None:
            latin = self._latin(c)
        return not latin

    def first_word(self, s: str) -> str | None:
        """``lcut(s)[0]`` told without segmenting all of ``s`` (None: not known so), and the words
        after it are then ``lcut`` of the rest of ``s``. In a block, the routes are found only up
        to the first place no word crosses: every route goes through it, so what follows adds
        the same to each route before it, and the best of them stays the best unless two are
        nearly tied (rounding: not known so); a letter or digit first is not known either (it
        joins the next ones)."""
        if self.first_alone(s):
            return s[0]
        n = len(s)
        if n < 2 or n > _LONGEST_HEAD:
            return None
        m = self.han.match(s)
        if m is None:  # outside a block: one character alone, or a \r\n
            return "\r\n" if s.startswith("\r\n") else s[0]
        get, look_up, b = self.table.get, self._look_up, m.end()
        # forward: the words starting at each position, up to the first place none crosses
        starts: list[list[tuple[int, float]]] = []
        reach = k = 1
        for k in range(1, b + 1):
            frag = s[k - 1]
            lw = get(frag)
            if lw is None:
                lw = look_up(frag)
            words = []
            if lw != NEITHER:
                last = False  # a word no longer word begins with (its value negated): the walk ends
                if lw <= 0.0:
                    words.append((k, lw))
                elif lw < PREFIX:
                    words.append((k, -lw))
                    last = True
                i = k
                while not last and i < b:
                    i += 1
                    frag = s[k - 1:i]
                    lw = get(frag)
                    if lw is None:
                        lw = look_up(frag)
                    if lw == NEITHER:
                        break
                    if lw < PREFIX:
                        last = lw > 0.0
                        words.append((i, -lw if last else lw))
                        if i > reach:
                            reach = i
            starts.append(words)
            if reach <= k:
                break
        # backward over [0, k), the routes from k on counted as 0: the best first word
        score = [0.0] * (k + 1)
        alone = -self.logtotal
        end = 0
        for x in range(k - 1, -1, -1):
            words = starts[x]
            if not words:
                score[x], end = alone + score[x + 1], x + 1
                continue
            best = second = -inf
            for e, lw in words:
                sc = lw + score[e]
                if sc >= best:
                    best, second, end = sc, best, e
                elif sc > second:
                    second = sc
            if best - second < _NEAR_TIE:
                return None
            score[x] = best
        if end == 1:
            latin = self.latin.get(s[0])
            if latin is None:
                latin = self._latin(s[0])
            if latin:
                return None
        return s[:end]

    def several(self, s: str) -> bool | None:
        """Whether ``lcut(s)`` has two words or more, told without segmenting ``s`` (None: not
        known so): ``s`` is longer than one character and not all one block; or it is one block,
        no word of the dictionary and not all letters and digits (which join into one word)."""
        n = len(s)
        if n < 2:
            return False
        m = self.han.match(s)
        if m is None or m.end() < n:  # (pieces of a block and of others, or a \r\n, spaces)
            return True if n >= 3 else None
        get, look_up = self.table.get, self._look_up
        # is s a word? its prefixes, as a route from its start looks them up, till one is neither
        # or a word no longer word begins with (most stop at 2-3 characters)
        k = 1
        while k < n:
            k += 1
            lw = get(s[:k])
            if lw is None:
                lw = look_up(s[:k])
            if lw == NEITHER or (0.0 < lw < PREFIX and k < n):
                break
        else:
            if lw < PREFIX:
                return None
        latin = self.latin
        for c in s:
            one = latin.get(c)
            if one is None:
                one = self._latin(c)
            if not one:
                return True
        return None

    def _block(self, sentence: str, out: list[str]) -> None:
        """The words of one block of Chinese characters, letters and digits, appended to ``out``."""
        n = len(sentence)
        score = [0.0] * (n + 1)
        ends = [0] * (n + 1)  # the end of the best first word from each position
        table = self.table
        look_up = self._look_up
        alone = -self.logtotal  # log(1) - log(total)
        for k in range(n - 1, -1, -1):
            c = sentence[k]
            try:  # (a string met before: no call, no test for None)
                lw = table[c]
            except KeyError:
                lw = look_up(c)
            i = k + 1
            if lw <= 0.0:
                best, end = lw + score[i], i
            elif lw < PREFIX:  # a word no longer word begins with (its value negated: exact)
                score[k], ends[k] = score[i] - lw, i
                continue
            elif lw == NEITHER:
                score[k], ends[k] = alone + score[i], i
                continue
            else:
                best, end = -inf, 0
            while i < n:
                i += 1
                try:
                    lw = table[sentence[k:i]]
                except KeyError:
                    lw = look_up(sentence[k:i])
                if lw <= 0.0:
                    sc = lw + score[i]
                    if sc >= best:  # a tie goes to the longer word, as jieba's max of (score, end)
                        best, end = sc, i
                elif lw == NEITHER:
                    break
                elif lw < PREFIX:  # the last word from k
                    sc = score[i] - lw
                    if sc >= best:
                        best, end = sc, i
                    break
            if not end:  # the character alone, as jieba (frequency 1: log 0, the character is no word)
                best, end = alone + score[k + 1], k + 1
            score[k], ends[k] = best, end
        x = 0
        if self.eng.search(sentence) is None:  # no letter or digit to join (most blocks)
            while x < n:
                y = ends[x]
                out.append(sentence[x:y])
                x = y
            return
        latin = self.latin
        buf = ""
        while x < n:
            y = ends[x]
            word = sentence[x:y]
            if y - x == 1:
                one = latin.get(word)
                if one is None:
                    one = self._latin(word)
            else:
                one = False
            if one:
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def _look_up(self, frag: str) -> float:
        f, longer = self.find(frag)
        if f is None:
            lw = NEITHER
        elif not f:
            lw = PREFIX
        else:
            lw = log(f) - self.logtotal
            if not longer:
                lw = -lw
        self.table[frag] = lw
        return lw

    def _latin(self, c: str) -> bool:
        got = self.latin[c] = self.eng.match(c) is not None
        return got
