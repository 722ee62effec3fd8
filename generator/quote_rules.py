"""Word lists and regexes for finding quotations and their speakers, kept in one place.

Every list here is English news usage: the verbs that introduce speech, the titles and role
words that sit before a name, the words that show a capitalised span is not a person. Each
is exercised on a real sentence in tests/test_quotes.py.
"""

from __future__ import annotations

import re

SPEECH_VERBS = frozenset(
    """
    said says say saying told tells tell telling added adds adding wrote writes write writing
    tweeted tweets tweeting asked asks asking stated states declared declares declaring noted notes
    noting explained explains explaining argued argues arguing warned warns warning insisted insists
    insisting continued continues replied replies replying responded responds responding claimed
    claims announced announces posted posts commented comments predicted predicts concluded
    concludes reported reports read reads recalled recalls recalling admitted admits answered
    answers joked jokes remarked remarks assured assures shouted shouts chanted chanting observed
    observes acknowledged acknowledges conceded concedes countered counters suggested suggests urged
    urges quipped quips boasted boasts vowed vows pledged pledges promised promises complained
    complains cautioned cautions emphasized emphasised stressed stresses maintained maintains
    contended contends agreed agrees testified mused wondered wonders yelled screamed exclaimed
    proclaimed proclaims charged charges alleged alleges blasted fumed lamented laments griped
    demanded demands state stating yelling screaming shouting recounted recounts affirmed affirms
    reiterated reiterates thundered retorted retorts scoffed sniped snapped texted emailed messaged
    confirmed confirms denied denies disputed objected projected reasoned pleaded implored begged
    opined opines mocked teased derided decried bemoaned summed summarized summarised described
    describes describing calls called calling criticized criticised praised hailed dismissed
    signaled signalled indicated pressed interrupted repeated echoed offered reacted reacts
    interjected retaliated condemning praising urging blasting criticizing criticising accusing
    answering asserting asserted asserts posting claiming announcing promising vowing pledging
    joking
    """.split()
)
"""Verbs (every form the corpus uses) that tie a speaker to what follows or precedes."""

SPEECH_PHRASES = re.compile(
    r"\b(?:(?:shot|fired|hit|pushed|wrote|snapped|struck)\s+back|chimed\s+in|weighed\s+in|piped\s+up|"
    r"spoke\s+up|puts?\s+it|summed\s+(?:it\s+)?up|went\s+on|(?:issued|released|put\s+out)\s+(?:a|the\s+following|this|his|her|its)\s+statement)\b"
)
"""Speech verbs of two words ("Hillary shot back", "as Milbank puts it")."""
SPEECH_PHRASE_HINTS = ("back", "chimed", "weighed", "piped", "spoke", "put", "summed", "went", "statement")
"""`SPEECH_PHRASES` cannot match a text without one of these: a quick test before the slow search."""

MEDIUM_NOUNS = frozenset(
    """
    post tweet tweets statement account page website blog memo letter release op-ed column book speech
    interview email message video ad remarks comments testimony
    """.split()
)
"""What someone says things in: "Bush's Facebook post" is Bush speaking."""

REPORTING_VERBS = frozenset({"reported", "reports", "reporting"})
"""Verbs whose subject is usually a news outlet passing on someone else's words."""

ADVERBS = frozenset(
    """
    also later then again previously recently once further quickly simply flatly publicly
    privately earlier bluntly repeatedly reportedly often frequently famously angrily
    sarcastically tersely calmly firmly loudly softly quietly proudly openly directly
    separately subsequently initially originally ultimately finally similarly likewise
    alternatively meanwhile however has had have would will may might could should did does
    had has once just still even already since first last recently succinctly defiantly
    emphatically jokingly cheerfully optimistically pointedly confidently reportedly
    """.split()
)
"""Words that may stand between a speaker and the speech verb ("Peskov reportedly said")."""

TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week month year weekend day
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
"""Words of time phrases that sit between a speaker and the verb ("Putin on Sunday said")."""

FORBIDDEN_IN_SUBJECT = frozenset(
    """
    is was were are be been being am that which who whom whose when where while because if
    although though unless until not did do does can could should would will shall might
    must whether than so why how what
    """.split()
)
"""Words that show the text before a speech verb is a clause, not the speaker's name."""

PRONOUNS = {
    "he": "m",
    "she": "f",
    "it": "n",
    "they": "p",
    "i": "1",
    "we": "1",
}
"""Subject pronouns and the gender each refers to (m, f, n = organisation, p = plural)."""

MALE_WORDS = frozenset({"he", "his", "him", "himself"})
FEMALE_WORDS = frozenset({"she", "her", "hers", "herself"})

HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Sir", "Dame", "Madam"})
"""Titles that are not roles: dropped from a name, but they tell the speaker's gender."""

MALE_HONORIFICS = frozenset({"Mr.", "Mr", "Sir"})
FEMALE_HONORIFICS = frozenset({"Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Dame", "Madam"})

ROLE_WORDS = frozenset(
    """
    president vice prime minister secretary general spokesman spokeswoman spokesperson press
    senator sen. sen rep. rep representative gov. gov governor mayor chancellor ambassador
    director chairman chairwoman chair ceo cfo coo chief leader speaker judge justice attorney
    adviser advisor aide commissioner gen. gen col. lt. adm. sgt. capt. rev. prof. professor
    king queen prince princess pope sheikh foreign defense defence deputy former host anchor
    correspondent analyst historian economist strategist pollster consultant founder
    co-founder manager commander officer official lawmaker congressman congresswoman
    councilman councilwoman councilmember candidate nominee chairperson executive editor
    columnist author writer reporter producer coach lieutenant colonel major captain sergeant
    admiral marshal trooper detective sheriff inspector superintendent dean provost principal
    delegate minority majority whip counsel prosecutor solicitor auditor treasurer comptroller
    mr. mrs. ms. dr. state interior finance health education justice homeland security
    national house white senior assistant acting interim incoming outgoing then-president
    then-candidate first lady gop democratic republican campaign spokesmen presidential
    """.split()
)
"""Words of a role written before a name ("White House spokesman John Kirby")."""

ORG_HEADS = frozenset(
    """
    council institute ministry department agency corporation corp university school party
    committee army navy forces union organization organisation bank fund service office
    commission parliament congress senate assembly court foundation association group times
    post monitor journal news network television press center centre administration
    alliance company inc ltd kremlin pentagon campaign government embassy board bureau
    tribune herald guardian telegraph gazette review magazine radio channel tv station
    club league federation coalition movement front society caucus staff team firm
    project initiative program programme trust council police cabinet duma rada
    secretariat mission observatory watch network party's review times institution
    """.split()
)
"""Last words that make a capitalised span an organisation ("National Security Council")."""

KNOWN_ORGS = frozenset(
    """
    Kremlin Pentagon Reuters Bloomberg Politico Axios Breitbart Twitter Facebook Google
    Microsoft Apple Amazon Tesla Gazprom Rosneft Hamas Hezbollah Taliban Interfax Izvestia
    TASS RIA Xinhua Moscow Kyiv Kiev Washington Beijing Brussels London Paris Berlin Tehran
    Damascus Ankara Minsk Warsaw Jerusalem Vatican Congress Senate Parliament
    """.split()
)
"""Single words that, as a speaker, are an organisation or a capital standing for its government."""

GENERIC_SOURCES = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople statement official officials
    representative representatives source sources aide aides release email letter
    report memo filing note post website account
    """.split()
)
"""Heads of a speaker phrase that stand for their organisation ("a National Security Council spokesperson")."""

NAME_STOPWORDS = frozenset(
    """
    The A An And But If In On At As Of For To By With From After Before During While When
    Where What Why How Who This That These Those It Its His Her Their Our We They He She I
    Still Despite Even Such Many Some Most Other Another Yet Then Both Either Neither Each
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Christmas Meanwhile However
    Earlier Later Instead Also Asked Speaking Writing According Although Though Since
    Because Now Today Yesterday Last Next Over Under Among Until Unless Like Unlike Here There
    Not No Yes Oh So Just Only Every All Any Several Few More Less Much Mr Mrs Ms Is Are Was
    Were Do Does Did Has Have Had Would Could Should Can May Might Must Shall Let Please One Two
    Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions
    """.split()
)
"""Capitalised words that start sentences rather than names."""

NAME_PARTICLES = frozenset({"de", "da", "di", "van", "von", "der", "den", "al", "bin", "ibn", "la", "le", "du", "dos"})
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})

# --- Regexes -------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
"""Where a quotation stood in a paragraph once its words are masked out."""

SENTENCE_END = re.compile(r"[.!?…][”\"’)]?(\s+)(?=[A-Z⟦(])")
"""A sentence boundary in masked text (an abbreviation before it is checked separately): group 1,
the white space after a stop (and a closing mark) before a capital. It opens with the stop, so that
`re` scans for the rare stop characters instead of trying a look back at every white space (twice
as fast as opening with the white space and looking back for the stop; the same boundaries)."""

ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Gov|Sen|Rep|Rev|St|Jr|Sr|Inc|Ltd|Co|Corp|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|No|Vol|Ft|Mt|Gens|Sens|Reps)\.|\b[A-Z]\.|\b(?:[A-Z]\.){2,})$"
)
"""The end of text before a full stop that does not end the sentence ("Mr.", "U.S.", "J.")."""
ABBREVIATION_REACH = len("xSept.")
"""The longest abbreviation and the character before it: the end of a text `ABBREVIATION` can
match (of "U.S.", the "S." is enough), so only that much needs searching."""

QUOTE_THEN_STOP = re.compile(r"⟦\d+⟧[?!…]+$")
"""A quotation ending a masked sentence with ? or ! (“Why not?” Smith asked: one sentence)."""

CAPITALISED = re.compile(r"^(?:[A-Z][\w’'.-]*|[a-z]{1,3}-[A-Z][\w’'-]*|Mc[A-Z]\w*|O’[A-Z]\w*)$")
"""A capitalised token, including "al-Assad" and "O’Rourke"."""

ACRONYM_DEFINITION = re.compile(
    r"(?P<long>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|the|and|on|in|to|&))*?)\s+\((?P<short>[A-Z][A-Za-z&]{1,9})\)"
)
"""A long name followed by its acronym in brackets ("Institute for the Study of War (ISW)")."""

ACCORDING_TO = re.compile(r"\b(?:according\s+to|in\s+the\s+words\s+of)\s+(?P<np>[^,.;:⟦⟧]{2,120})", re.I)
"""A speaker named by "according to X" anywhere in the quote's sentence."""
ACCORDING_TO_HINTS = ("according", "words")
"""`ACCORDING_TO` cannot match a sentence without one of these (in lower case)."""

ASKED_BY_VERBS = ("asked", "told", "questioned", "pressed")
ASKED_BY = re.compile(rf"\b(?:{'|'.join(ASKED_BY_VERBS)})\s+by\s+(?P<np>[^:⟦⟧.;]{{2,120}}?)[,:]?\s*$")
"""The one who asked, right before a quotation ("When asked by reporters Peskov, he said: “…”")."""

TERM_INTRO = re.compile(
    r"(?:\b(?:so-called|called|calls|calling|dubbed|dubs|named|titled|entitled|termed|labeled|labelled|"
    r"branded|known\s+as|described\s+as|referred\s+to\s+as|the\s+term|the\s+phrase|the\s+word|the\s+words|"
    r"the\s+slogan|program|programme|show|book|film|song|series|album|headline|hashtag|a|an|the|these|those|"
    r"this|that|its|his|her|their|our|my|your|of\s+a|with\s+a)|\b[A-Z][a-z]+(?:n|ian|ese|ish)|’s|'s)\s*$"
)
"""Words before a short quotation that make it a term, title or scare quote, not speech."""

DASH_CREDIT = re.compile(r"[.,!?…]*\s*[-–—―]+\s*(?P<credit>[A-Z][^⟦⟧.;:!?]{1,100}?)\.?\s*")
"""A credit after a quote, or on its own line under it: "— Bernie Sanders." """

PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
"""A bracketed aside inside a speaker phrase ("Ted Cruz (R-Texas)")."""

MALE_FIRST_NAMES = frozenset(
    """
    aaron adam alan albert alex alexander alexei alexey andrew andrei andrey andy anthony
    anton antony arnold barack ben benjamin bernie bernard bill billy bob bobby boris brad
    brian bruce carl carlos charles charlie chris christopher chuck colin craig dan daniel
    dave david dennis dick dmitry dmitri dmytro don donald doug douglas ed eddie edward elon
    emmanuel eric evgeny fred frank frederick gary george gerald greg gregory harold harry
    henry hugh ian igor ivan jack jacob jake james jared jason jay jeb jeff jeffrey jens jerry
    jim jimmy joe joel john jon jonathan jose joseph josh joshua juan justin keith ken kenneth
    kevin kirill larry lawrence leon lindsey louis luke marco mark martin matt matthew max
    michael mike mikhail mitch mitt mohammed muhammad mykhailo ned newt nicholas
    nick nikolai oleg oleksiy oleksii olaf omar oscar patrick paul peter petro phil philip
    rahm ralph rand randy ray raymond reince rex richard rick rob robert roger ron ronald
    ross rudy rush russell ryan sam samuel scott sean sergey sergei sergiy sean stephen
    steve steven stuart ted terry thomas tim timothy tom tony tucker valery viktor vladimir
    volodymyr walter wayne william willie xi yevgeny yuri zach
    """.split()
)
"""Common given names of men in the news, for a pronoun's gender when the article gives no Mr."""

FEMALE_FIRST_NAMES = frozenset(
    """
    abigail alexandria alice amanda amy angela ann anna anne barbara betsy betty carly
    caroline catherine chelsea cheryl christine claire condoleezza debbie deborah diane
    donna dorothy elena elizabeth ellen emily emma hillary huma ivanka jane janet jennifer
    jill joan julia julie karen kate katie kamala kathleen kellyanne kirsten laura linda
    lisa liz loretta lynn madeleine margaret maria marie marine martha mary megan megyn
    melania michelle monica nancy natalia nicola nikki olena olga pamela patricia rachel
    rebecca sarah sharon sheila stephanie susan suzanne tanya theresa tulsi ursula valentina
    victoria virginia yulia
    """.split()
)
"""Common given names of women in the news."""

WHITE_HOUSE = re.compile(r"\b(?:the\s+)?(White House|State Department|Justice Department|Defense Department)\b")
"""Institutions whose two capitalised words are role words elsewhere ("White House spokesman")."""

PLURAL_GROUP = re.compile(r"[A-Z][a-z]{3,}(?:ans|crats|ists|ims)")
"""A capitalised plural that names a group ("Americans", "Democrats"), not a surname."""

OBJECT_TAKERS = frozenset(
    """
    told tell tells asked ask asks thanked met meet beat beats defeated called calls praised attacked criticized
    against about over than like into onto upon toward towards behind between among under without
    """.split()
)
"""Words after which a name is an object ("told Hannity"), not the subject of the next verb."""

NOT_VERBS = frozenset("of and or in on at for to from with by the a an".split())
"""Words that follow a name without being its verb."""

PREPOSITIONS = frozenset({"of", "from", "in", "at", "for", "to", "on", "with", "by", "about", "against", "over"})
"""Prepositions: a name after one is a complement, not the speaker."""

NP_STARTS = frozenset({"the", "a", "an", "one", "another", "his", "her", "their", "its"})
"""Words that may open a speaker phrase ("his campaign manager Jeff Weaver")."""

OPENING_ADJUNCT = re.compile(
    r"^\s*(?:(?:(?:Here|There|Days|Hours|Weeks|Months|Years|Moments|Minutes|Shortly|Back|Elsewhere|Just|Even|Also|"
    r"Soon|Long)\s+)?(?:In|At|On|During|After|Before|When|While|Later|Earlier|Meanwhile|Then|Still|Yet|But|And|So|"
    r"Now|Today|Asked|Speaking|Writing|Since|Despite|Following|Like|Unlike|As|Although|Though|Once|Instead|after|"
    r"before|when|while|despite|following|since|during|in|on|at)\b[^,⟦⟧]{0,100},\s*)+"
)
"""Phrases before a sentence's subject ("On Thursday, after remaining neutral, Warren …")."""

OWN_CLAIM = re.compile(
    r"\b(?:his|her)\s+(?:\w+\s+)?(?:claim|claims|remark|remarks|comment|comments|statement|words|assertion|promise|"
    r"pledge|vow|warning|call|message|argument|insistence|assurance)\s+(?:that|to|of)\b"
)
"""A partial quote inside the subject's own reported claim ("repeated his claim that he was ready to “…”")."""

OPENING_MARKS = "“"
CLOSING_MARKS = "”"
QUOTE_MARKS = '“”"'
"""Double quotation marks; single ones (‘’ and apostrophes) only nest inside a quotation."""
QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")
"""One of `QUOTE_MARKS`, to find them without looking at every character in Python."""

BEFORE_OPENING = frozenset(" \t\n([{—–-/")
AFTER_CLOSING = frozenset(" \t\n.,;:!?)]}—–-…")
"""What stands before an opening straight quote, and after a closing one (“… he said "no" to it")."""

POSSESSIVE = re.compile(r"[’']s?$")
"""The possessive ending of a name ("Putin’s", "Sanders'")."""


def any_word(words: frozenset[str]) -> str:
    """A regex alternation of `words`, grouped by first letter: Python's `re` tries each alternative
    in turn at every position, and the grouping lets it skip the groups whose letter is not there."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in sorted(by_letter.items())) + ")"


_SPEECH_VERB_WORD = any_word(SPEECH_VERBS | REPORTING_VERBS)
SPEECH_VERB = re.compile(rf"(?<![\w’'-]){_SPEECH_VERB_WORD}(?![\w’'-])")
"""A speech or reporting verb as a whole lower-case word ("States" in "United States" is none)."""
ASCII_SPEECH_VERB = re.compile(rf"(?<![A-Za-z0-9_'-]){_SPEECH_VERB_WORD}(?![A-Za-z0-9_'-])")
"""`SPEECH_VERB` for ASCII text (five texts in six; ’ is not ASCII): the same matches, but the look
back tried at every position tests a bitmap instead of asking Unicode's tables, a fifth faster."""

NAME_BREAKS = r"\s,;:()\[\]“”\"⟦⟧!?"
"""What splits tokens when scanning a paragraph for names: white space, punctuation, quotation marks."""
NAME_TOKEN = re.compile(rf"[^{NAME_BREAKS}]+")
"""A token when scanning a paragraph for names: punctuation and quotation marks split tokens."""
NAME_GAP = re.compile(rf"([{NAME_BREAKS}]+)")
"""What stands between two `NAME_TOKEN`s: `NAME_GAP.split` gives tokens and gaps in turn, in C."""


# --- what follows a name in a paragraph (matched at the end of the name) -----------------------

NEXT_WORD = re.compile(r"\s+([\w’'.-]+)")
"""The word right after a name ("Clinton campaign": a modifier, not a person)."""

OF_OR_FOR_CAPITAL = re.compile(r"\s+(?:of|for)\s+[A-Z]")
"""A complement after a name ("Department of State", "Council for …")."""

OF_PLACE = re.compile(r"\s+of\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b")
"""Where a titled person is from ("President Vladimir V. Putin of Russia")."""

APPOSITIVE = re.compile(r",\s+([^,;⟦⟧()]{3,120}?),")
"""Words set off by commas after a name ("Samuel Charap, a senior political scientist, said")."""

NEXT_VERB = re.compile(r"(?:\s*\([^()]*\))?(?:,[^,⟦⟧]{1,120},)?\s*([A-Za-z’'-]+)")
"""The word after a name, past a bracket or an appositive: a lower-case one is likely its verb."""

PAST_PARTICIPLE = re.compile(r"[a-z]+ed")
"""A word ending in -ed ("met Putin": Putin is its object, not a subject)."""

PRONOUN_RUN = re.compile(
    "(?:"
    + "|".join(
        f"{c}(?<![a-z]{c})(?:{'|'.join(sorted(w[1:] for w in MALE_WORDS | FEMALE_WORDS if w[0] == c))})"
        for c in sorted({w[0] for w in MALE_WORDS | FEMALE_WORDS})
    )
    + ")(?![a-z])"
)
"""A word of `MALE_WORDS` or `FEMALE_WORDS` in lowered text (letters a-z make a word), for
counting pronouns after a name: a search for these few words, not a list of every word. Each
alternative opens with its first letter (h or s) and only then looks back for a letter before it,
so that `re` scans for those two letters instead of trying the look-behind at every position."""
