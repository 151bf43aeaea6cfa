"""Positions: what a named speaker says their side wants, intends, claims or refuses.

A sentence is a position when attribution found its speaker (a speech verb with a named subject, "according
to X", a dash after a quote, or the quote it belongs to) and it is not a count told by a speaker (those are
figures: "Three people were killed ..., Zelenskyy claimed"). One position per sentence; the statement is the
quote or the reported clause, trimmed but never reworded, and the citation is the whole sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from brief.extract.attribution import (QUOTE_CHARS, TRANSCRIPT_VERB, Attribution, dash_tail, doc_quoted_mask,
                                       quoted_mask, refers_back, speech_rules, subheading)
from brief.extract.text import cite, full_text
from brief.models import Article, Citation, Position, Speaker
from brief.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NOT_COUNTS = frozenset({"MONEY", "PERCENT", "ORDINAL", "TIME", "QUANTITY"})
MIN_WORDS = 4
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
SHORT_STATEMENT = 10  # words: a sentence this short must name something to be a stance


@lru_cache(maxsize=1)
def _fact_words() -> tuple[frozenset[str], frozenset[str]]:
    rules = load_rules("speech")
    return frozenset(rules["fact_lemmas"]), frozenset(rules["count_units"])


@lru_cache(maxsize=1)
def _denials() -> frozenset[str]:
    return frozenset(load_rules("speech")["denials"])


@lru_cache(maxsize=1)
def _news_agencies() -> frozenset[str]:
    return frozenset(load_rules("speech")["news_agencies"])


@lru_cache(maxsize=1)
def _reporter_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A reporter's role word ("correspondent") and a news outlet's name as a whole word, each one pattern."""
    rules = load_rules("speech")
    roles = "|".join(re.escape(r) for r in rules["reporter_roles"])
    agencies = "|".join(re.escape(a) for a in sorted(rules["news_agencies"], key=len, reverse=True))
    return re.compile(rf"\b(?:{roles})"), re.compile(rf"(?<![\w-])(?:{agencies})(?![\w-])")


OUTLET_NOUNS = frozenset({"newspaper", "daily", "weekly", "broadcaster", "magazine", "tabloid", "channel", "outlet",
                          "publication", "paper", "portal", "website", "tv", "television", "radio"})


def is_news_outlet(speaker: Speaker) -> bool:
    """A news outlet or its reporter reporting an event ("according to Reuters", "Ukrinform reports", "BBC
    correspondent James Landale says"): sourcing, not a stance."""
    name = re.sub(r"^the\s+", "", speaker.name.lower())
    agencies = _news_agencies()
    if name in agencies or any(a in name for a in agencies if " " in a):
        return True
    if set(name.split()) & OUTLET_NOUNS:
        return True  # "the newspaper from Berlin", "the independent Russian Telegram channel SOTA"
    role, outlet = _reporter_patterns()
    if {"agency", "portal", "service"} & set(name.split()) and outlet.search(name):
        return True  # "the Reuters agency", "the portal Belsat.eu", "BBC Russian service"
    if role.search(name) and outlet.search(name):
        return True  # "according to an Ukrinform correspondent"
    title = (speaker.title or "").lower()  # "BBC diplomatic correspondent", "our correspondent"
    return bool(role.search(title)) and (title.startswith("our ") or bool(outlet.search(title)))


def is_party(speaker: Speaker) -> bool:
    """A speaker whose side is known (a party to the conflict or a third party) and who is not a news outlet."""
    return speaker.side is not None and not is_news_outlet(speaker)


def find_positions(doc: Doc, article: Article, attributions: list[Attribution]) -> list[Position]:
    """Every attributed sentence that states a stance, in article order."""
    positions: list[Position] = []
    inside = doc_quoted_mask(doc)
    for sent, first in zip(doc.sents, attributions):
        for attribution in (first, first.also) if first.also is not None else (first,):
            speaker = attribution.speaker
            if speaker is None or is_news_outlet(speaker) or not _is_statement(sent, attribution) or \
                    states_count(sent) and not _stance_beside_count(sent, attribution):
                continue
            citation = _citation(article, sent)
            if citation is None:
                continue
            statement = statement_of(sent, attribution, article, shared=first.also is not None, inside=inside)
            quote = is_direct_quote(statement, sent, inside)
            positions.append(Position(
                side=speaker.side,
                actor=speaker.name,
                statement=statement if quote else _without_comment(statement),
                form="quote" if quote else "reported",
                citations=(citation,),
            ))
    return positions


def is_direct_quote(statement: str, sent: Span, inside: list[bool]) -> bool:
    """The statement is the speaker's own words: every character of it stands inside quote marks.

    A reported clause that merely quotes a phrase ("Putin said Russia is establishing a “buffer zone”") is
    reported speech, and the brief must not show it in quote marks.
    """
    at = sent.text.find(statement)
    if at < 0:
        return False
    start = sent.start_char + at
    chars = [start + k for k, ch in enumerate(statement) if not ch.isspace()]
    return bool(chars) and all(inside[i] for i in chars)


TELLING = frozenset({"tell", "speak", "talk", "brief", "write"})  # "He writes about the backstage of ..."
OPINION_NOUNS = frozenset({"opinion", "view", "thought", "position", "stance", "assessment"})
HEADING_WORDS = 25  # tokens: a line without a stop this short is a heading


def _only_tells_of_speaking(sent: Span, attribution: Attribution) -> bool:
    """The sentence tells that someone spoke, not what they said: "Duda told journalists about the talks",
    "Soloviev asked the head of state whether he sees a war" (a question is no stance)."""
    if attribution.verb_index is None or attribution.inherited:
        return False
    verb = sent.doc[attribution.verb_index]
    lemma = verb.lemma_.lower()
    if lemma in ("ask", "wonder"):
        return any(m.lower_ in ("whether", "if") for c in verb.children for m in c.children if m.dep_ == "mark")
    if lemma in ("express", "voice", "share") and any(c.dep_ == "dobj" and c.lemma_.lower() in OPINION_NOUNS
                                                     and not any(g.dep_ in ("acl", "relcl") for g in c.children)
                                                     for c in verb.children):
        return True  # "Wallace expressed his opinion in an interview with dpa", not "the view that ..."
    return lemma in TELLING and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children) and \
        not any(ch in sent.text for ch in QUOTE_CHARS + ":")


@lru_cache(maxsize=1)
def _conflict_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def pattern(words: list[str]) -> re.Pattern[str]:
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternation})(?:[’']s|s)?(?![\w-])", re.IGNORECASE)

    return pattern(load_rules("figures")["context"]["elsewhere"]), pattern(load_rules("speech")["this_war"])


def _about_another_conflict(text: str) -> bool:
    """The sentence names another conflict and nothing of this war."""
    elsewhere, this_war = _conflict_words()
    return bool(elsewhere.search(text)) and not this_war.search(text)


def _sourced_number(sent: Span, attribution: Attribution) -> bool:
    """A number with its source ("Russia has about 4,477 warheads, according to the Federation of American
    Scientists"): a plain fact, not a stance."""
    return attribution.verb == "according to" and \
        any(t.like_num and any(ch.isdigit() for ch in t.text) and t.ent_type_ != "DATE" for t in sent)


def _own_story(sent: Span, attribution: Attribution) -> bool:
    """A sentence of a long quote in which the speaker tells what they did ("I brought four specialists with
    me.", "We had self-care sessions."): an account, not a stance. Its main verb is in the past tense with "I"
    or "we" for subject, nothing in it says what must, will or should be, or what is not, and it does not
    name the war's parties ("I defined the invasion of Ukraine as unacceptable aggression" is a stance)."""
    if not attribution.inherited or _conflict_words()[1].search(sent.text):
        return False
    root = sent.root
    first_person = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we") for c in root.children)
    hedged = any(t.tag_ == "MD" or t.dep_ == "neg" for t in sent)
    return root.tag_ == "VBD" and first_person and not hedged


def _is_statement(sent: Span, attribution: Attribution) -> bool:
    """Long enough to say something, not a headline in capitals, not a bare "Lavrov said."."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < MIN_WORDS + attribution.inherited:
        return False
    letters = [ch for ch in sent.text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.8 * len(letters):
        return False
    said = _said_words(sent, attribution)
    if not attribution.quoted and not attribution.inherited and attribution.verb_index is not None and len(said) < 3:
        return False
    if _only_tells_of_speaking(sent, attribution) or _own_story(sent, attribution) or _sourced_number(sent, attribution):
        return False
    if attribution.verb == TRANSCRIPT_VERB and not _takes_a_stand(sent):
        return False  # "Tuesday – Italian Prime Minister Giorgia Meloni was in Kyiv.": the speech's account
    if refers_back(sent, attribution):
        return False  # "That's according to X, who spoke to Ukrinform": who said it, not what
    if _about_another_conflict(sent.text):
        return False  # "The US will not join Israel's retaliation on Iran": another war's
    if subheading(sent) and sent.text.lstrip()[:1] not in QUOTE_CHARS + "-–—" and len(sent) <= HEADING_WORDS:
        return False  # 'Scholz announces "hard reactions" in the event of the invasion': the outlet's heading
    return not _question(sent) and (len(said) > SHORT_STATEMENT or any(t.pos_ in ("NOUN", "PROPN") for t in said)
                                    or _denies(sent, attribution))


def _denies(sent: Span, attribution: Attribution) -> bool:
    """ "Russia denies planning to invade.": a denial is a stance however short what it denies."""
    return attribution.verb_index is not None and not attribution.inherited and \
        sent.doc[attribution.verb_index].lemma_.lower() in _denials()


STANCE_VERBS = frozenset({"need", "want", "demand", "call", "urge", "expect", "believe", "insist", "ensure", "prevail"})


def _takes_a_stand(sent: Span) -> bool:
    """A sentence of a long speech that says what must, will or should be, what is not, or what the speaker
    wants ("We will return all our people", "We need to make Ukraine's position clear"), not an account of
    the week's visits."""
    return any(t.tag_ == "MD" or t.dep_ == "neg" or t.lemma_.lower() in STANCE_VERBS or
               t.lemma_.lower() == "have" and any(c.dep_ == "xcomp" for c in t.children) for t in sent)


def _question(sent: Span) -> bool:
    """ "Do we want Ukraine to win?": a question asks, it states no stance."""
    return sent.text.rstrip().rstrip(QUOTE_CHARS + " ").endswith("?")


def _said_words(sent: Span, attribution: Attribution) -> list[Token]:
    """The words of the sentence besides its speech verb and who says it. A stance is about something: a short
    sentence of them that names nothing ('"This is true," the president said.', "They don't have to do
    anything.") is a fragment of a speech, not a position."""
    skip: set[int] = set()
    if attribution.verb_index is not None and not attribution.inherited:
        verb = sent.doc[attribution.verb_index]
        skip = {verb.i} | {x.i for c in verb.children if c.dep_ == "nsubj" for x in c.subtree}
    return [t for t in sent if t.is_alpha and t.i not in skip]


CONDEMNING = frozenset({"decry", "condemn", "denounce", "accuse", "blame", "slam", "criticize", "criticise"})


def _stance_beside_count(sent: Span, attribution: Attribution) -> bool:
    """A count told with a stance is a position too: "the Pope decried a "barbarous" missile strike that left 18
    dead", "There is simply no evidence ... with well over 150,000 troops arrayed": the speaker condemns, or
    says what is not or what must be."""
    if attribution.verb is not None and attribution.verb.split()[0] in CONDEMNING:
        return True
    return any(t.tag_ == "MD" and t.lower_ not in ("will", "would", "'ll") or t.dep_ == "neg" or
               t.lower_ == "no" and t.dep_ == "det" for t in sent)


def states_count(sent: Span) -> bool:
    """A count of people or weapons ("Three people were killed", "1,000 prisoners were returned"): a figure.
    Whatever the figures extractor counts in the sentence settles it; then the words around a number do."""
    from brief.extract.figures import figure_rules, sentence_mentions

    if sentence_mentions(sent, figure_rules()):
        return True
    fact_lemmas, units = _fact_words()
    numbers = [t for t in sent if (t.like_num or t.lower_ in ("a", "an", "one")) and t.ent_type_ not in NOT_COUNTS]
    if not numbers:
        return False
    if any(t.lemma_.lower() in fact_lemmas or t.lower_ in fact_lemmas for t in sent):
        return any(t.like_num for t in numbers) or any(t.head.lemma_.lower() in units for t in numbers)
    return any(t.like_num and t.lower_ != "one" and t.dep_ == "nummod" and t.head.lemma_.lower() in units
               and t.head.lower_ != "peoples" for t in numbers)  # "Russians and Ukrainians are 'one people'", "an
    # 'artificial division' of two peoples" count no one


def _citation(article: Article, sent: Span) -> Citation | None:
    """The sentence, without a quote mark it does not close or open (the rest of the quote is elsewhere)."""
    text = article.text
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    marks = sum(text[start:end].count(ch) for ch in QUOTE_CHARS)
    if marks % 2 == 1:
        if text[start] in QUOTE_CHARS:
            start += 1
        elif text[end - 1] in QUOTE_CHARS:
            end -= 1
    return cite(article, start, end) if end > start else None


def statement_of(sent: Span, attribution: Attribution, article: Article, shared: bool = False,
                 inside: list[bool] | None = None) -> str:
    """The quote or the reported clause of ``sent``, verbatim; the sentence when neither stands out. The first
    of two speakers of a sentence (``shared``) gets its own clause, whatever follows it (the second speaker's
    words), and the words before the second one's clause when it has none; the second gets its own clause.
    ``inside`` (the article's quoted mask) shows the end of a quote opened in a sentence before as a quote."""
    doc = sent.doc
    text = sent.text.strip()
    if attribution.also is not None and attribution.also.verb_index is not None:  # not the second speaker's words
        second = doc[attribution.also.verb_index]
        start = min(second.left_edge.i, second.i)
        if start > sent.start:
            text = re.sub(r"[\s,;:–—-]*\b(?:and|but|while|whereas)?[\s,]*$", "", doc[sent.start:start].text).strip()
    if attribution.verb_index is not None and not attribution.inherited:
        verb = doc[attribution.verb_index]
        verb = next((c for c in verb.children if c.lower_ == "clear" and verb.lemma_ == "make"), verb)  # "made it clear that"
        clause = next((c for c in verb.children if c.dep_ in ("ccomp",) and c.i > verb.i), None)
        if clause is not None:
            span = doc[clause.left_edge.i: clause.right_edge.i + 1]
            subject = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i), None)
            if subject is not None and not any(c.dep_ in SUBJECTS for c in clause.children):
                span = doc[subject.left_edge.i: clause.right_edge.i + 1]  # "knows any sign of weakness ... may be
                # read in Beijing as ...": the parser made the clause's subject the verb's object
            if verb.lemma_.lower() in _denials() or any(c.dep_ == "neg" for c in verb.children):
                # "Russia has denied it intends to attack", "X does not agree that ...": the clause alone would
                # say the opposite of what the speaker said, so the verb stays, with its "has", "not", "also"
                start = min([verb.i] + [c.i for c in verb.children
                                        if c.dep_ in ("aux", "neg", "advmod") and sent.start <= c.i < verb.i])
                span = doc[start: clause.right_edge.i + 1]
            span = _without_leading_date(span)
            words = span.text.strip(" ,")
            if words.lower().startswith("that "):
                words = words[5:]
            # The clause must run to the end of the sentence (a short tail like ", he added." may follow):
            # a clause the parser cut short mid-phrase would change what the speaker said.
            rest = full_text(doc)[span.end_char:sent.end_char].strip(" .,;:!?\n" + QUOTE_CHARS)
            if len(words.split()) >= MIN_WORDS and (shared or len(words) >= 0.4 * len(text) and len(rest.split()) <= 4):
                return words.strip(" ,").strip()
    quoted = _quoted_part(text)
    if quoted is not None and len(quoted) >= 0.4 * len(text):
        return quoted
    rest_of_quote = _rest_of_quote(sent, text, inside)
    if rest_of_quote is not None:
        return rest_of_quote
    if attribution.also is None and not attribution.inherited and not any(ch in text for ch in QUOTE_CHARS):
        framed = _without_frame(sent, attribution)
        if framed is not None:
            return framed
    return _without_stray_marks(text).lstrip("-–— ")  # "- We will not give up": a dash that opens a quote


def _without_leading_date(span: Span) -> Span:
    """"Saturday sanctions on Russia should be made public" of "Zelensky said Saturday sanctions ...": the day
    the parser put in the clause is when it was said, not what (unless it is the clause's subject)."""
    start = span.start
    while start < span.end and span.doc[start].ent_type_ == "DATE" and span.doc[start].dep_ == "compound":
        start += 1
    return span.doc[start:span.end] if start < span.end else span


FRAMED_WORDS = 6  # words a statement keeps at least without its frame
FRAME_OPENERS = frozenset({"according", "as"})  # "According to X, ...", "As X added, ..."
# What may follow the words said in ", said X, a research analyst with ..., on Monday": who and when, not more
# of what was said ("..., they refuse to call it an invasion and oppose sanctions").
WHO_SAID_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "punct", "prep", "npadvmod", "advmod", "advcl",
                           "agent", "dative", "neg"})


def _only_who_said(verb: Token, after: int) -> bool:
    """Right after token ``after`` (a comma) come the verb or its subject, and every word of the verb's own after
    the comma tells who said it, to whom or when."""
    doc = verb.doc
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    opens = {verb.i} | ({t.i for t in subject.subtree} if subject is not None else set())
    following = next((t for t in doc[after + 1:verb.i + 1] if not t.is_space), None)
    if following is None or following.i not in opens:
        return False  # "..., Antony Blinken, the Russian foreign ministry said": more of what was said first
    return all(c.dep_ in WHO_SAID_DEPS or c.dep_ == "dobj" and c.lemma_.lower() in ("medium", "media", "reporter",
                                                                                     "journalist", "press")
               for c in verb.children if c.i > after)


def _without_frame(sent: Span, attribution: Attribution) -> str | None:
    """A reported sentence without the words that say who says it, when they stand before or after what is said
    and are set off by a comma or a dash: "According to Peskov, the talks are frozen", "As the President added,
    such statements are part of ...", "The talks are frozen, according to Peskov", "Russia is wary of hybrid war,
    said Sam Cranny-Evans, a research analyst with ...", "- I think ... - said Burns.", "Johnson announced on
    Monday that Britain would send more troops" (the clause the verb reports, running to the end). None when no
    such frame stands apart, or what is left is too short to stand alone."""
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    if not words:
        return None
    dash = dash_tail(sent, speech_rules(), doc_quoted_mask(doc))
    keep = (sent.start, dash) if dash is not None else None  # token range [start, end) of what is said
    if keep is None and words[0].lower_ in FRAME_OPENERS and attribution.verb == "according to":
        keep = _after_opening_frame(sent, words[0])
    if keep is None and attribution.verb_index is not None and attribution.verb_index < sent.end:
        verb = doc[attribution.verb_index]
        if verb.lemma_.lower() in _denials() or any(c.dep_ == "neg" for c in verb.children):
            return None  # "..., he denied", "it doesn't believe it has to negotiate": the verb is part of it
        if verb.lemma_.lower() != "make":  # "made it clear that": kept whole
            keep = _beside_verb(sent, verb, words)
    if keep is None:
        tail = next((t for t in reversed(words) if t.lower_ == "according" and t.i > words[0].i), None)
        if tail is not None and tail.right_edge.i >= words[-1].i - 1 and doc[tail.i - 1].text == ",":
            keep = (sent.start, tail.i - 1)  # "The talks are frozen, according to Peskov."
    if keep is None:
        return None
    said = _without_leading_date(doc[keep[0]:keep[1]])
    if sum(t.is_alpha for t in said) < FRAMED_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in said):
        return None  # "she replied that this is not excluded": too short to stand without the frame
    return said.text.strip(" ,;:–—-\n")


def _after_opening_frame(sent: Span, first: Token) -> tuple[int, int] | None:
    """What follows "According to X," or "As X added," at the sentence's start; None when the parser gave the
    clause's own subject to the frame's verb ("As Dzheppar emphasized, the Ukrainian authorities, thanks to ...")."""
    doc = sent.doc
    frame = first.head if first.lower_ == "as" and first.dep_ == "mark" else first
    end = frame.right_edge.i  # the comma that closes the frame: its last word or the one after it
    comma = doc[end] if doc[end].text == "," else next((t for t in doc[end + 1:sent.end] if not t.is_space), None)
    if comma is None or comma.text != "," or comma.i >= sent.end - 1:
        return None
    if frame is not first and any(t.pos_ in ("NOUN", "PROPN") for t in doc[frame.i + 1:comma.i]):
        return None
    return comma.i + 1, sent.end


def _beside_verb(sent: Span, verb: Token, words: list[Token]) -> tuple[int, int] | None:
    """The clause the speech verb reports: before it when only who said it follows the comma ("..., said X, a
    research analyst"); after it when the verb is the sentence's own and its clause runs to the end ("Johnson
    announced on Monday that ...", not "talked about disinformation that Russia spreads, suggesting that ...")."""
    doc = sent.doc
    before = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i), None)
    if before is not None and before.left_edge.i == words[0].i:
        comma = doc[before.right_edge.i + 1] if before.right_edge.i + 1 < sent.end else None
        if comma is not None and comma.text == "," and _only_who_said(verb, comma.i):
            return sent.start, before.right_edge.i + 1
        return None
    after = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if after is None or verb.dep_ != "ROOT" or after.right_edge.i < words[-1].i - 1:
        return None
    if not (doc[after.left_edge.i].lower_ == "that" or all(t.is_punct for t in doc[verb.i + 1:after.left_edge.i])):
        return None  # "must state his intention to arm ... should Russia choose to invade": not its clause
    start = after.left_edge.i + (doc[after.left_edge.i].lower_ == "that")
    return start, sent.end


# A spaced dash and what follows it to the end, when it opens the outlet's comment on what was said: "... to protect
# civilians in eastern Ukraine - a claim the US had predicted he would falsely make", "– something Danilov called".
COMMENT_TAIL = re.compile(r"\s[-–—]+\s+(?:a|an|something|which)\s[^-–—]*$")


@lru_cache(maxsize=1)
def _comment_after_comma() -> re.Pattern[str]:
    """ ", a claim rejected by Kyiv", ", a move that sparks an exodus": the outlet's word on what was said."""
    nouns = "|".join(re.escape(n) for n in load_rules("speech")["comment_nouns"])
    return re.compile(rf",\s+(?:a|an)\s+(?:{nouns})\b[^,]*$")


def _without_comment(statement: str) -> str:
    """The reported statement without the outlet's comment after a dash (not a dash inside a quote, nor an aside
    that a second dash closes) or after a comma (", a claim flatly rejected by the U.S.")."""
    tail = COMMENT_TAIL.search(statement) or _comment_after_comma().search(statement)
    if tail is None or sum(ch in QUOTE_CHARS for ch in statement[:tail.start()]) % 2:
        return statement
    kept = statement[:tail.start()].rstrip(" ,")
    return kept if len(kept.split()) >= MIN_WORDS else statement


def _without_stray_marks(text: str) -> str:
    """The sentence without the quote marks around it when it is one quote; with several quotes, it keeps their
    marks ('“We do not want war,” he argued, saying ... “never ...”') and drops only a stray one at either end
    ('""We should focus': the closing mark of the sentence before, glued to it)."""
    bare = text.strip(QUOTE_CHARS + " ")
    if not any(ch in QUOTE_CHARS for ch in bare):
        return bare
    odd = lambda t: sum(ch in QUOTE_CHARS for ch in t) % 2 == 1  # noqa: E731
    while len(text) > 1 and text[0] in QUOTE_CHARS and (text[1] in QUOTE_CHARS or odd(text)):
        text = text[1:]
    while text and text[-1] in QUOTE_CHARS and odd(text):
        text = text[:-1]
    return text


def _rest_of_quote(sent: Span, text: str, inside: list[bool] | None) -> str | None:
    """The end of a quote opened in a sentence before, when it is most of this one: 'Thus, we call on our
    partners to ... cut off Russia from the Western banking system," the statement said.'"""
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    if inside is None or not inside[start] or text[:1] in QUOTE_CHARS:
        return None
    end = next((i for i in range(start, sent.end_char) if not inside[i]), sent.end_char)
    part = full_text(sent.doc)[start:end].rstrip().rstrip(QUOTE_CHARS).rstrip(" ,")
    return part if len(part) >= 0.4 * len(text) and len(part.split()) >= MIN_WORDS and part != text else None


def _quoted_part(text: str) -> str | None:
    """The text between the first and the last quote mark, when the sentence quotes."""
    # '""It will be ...': the first mark closes the sentence before, glued to this one
    text = text[1:] if text[:1] in QUOTE_CHARS and text[1:2] in QUOTE_CHARS else text
    marks = [i for i, ch in enumerate(text) if ch in QUOTE_CHARS]
    if len(marks) < 2:
        return None
    inside = quoted_mask(text)
    if not all(inside[i] or ch.isspace() for i, ch in enumerate(text[marks[0]:marks[-1]], marks[0])):
        return None  # two quotes and the outlet's words between them ('“…,” he argued, saying that Belarus “…”')
    inner = text[marks[0] + 1: marks[-1]].strip(" ,")
    return inner or None
