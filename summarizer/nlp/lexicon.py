"""Words that carry the structure of meeting reports: titles, meeting verbs, cue phrases.

These come from how readouts and news reports are written in general (a title before a name,
"met with", "will host", "raised concerns"), not from any one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_WORDS = frozenset(
    [
        "secretary",
        "minister",
        "president",
        "vice",
        "director",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "governor",
        "premier",
        "ambassador",
        "chancellor",
        "chairman",
        "chairwoman",
        "chair",
        "deputy",
        "under",
        "assistant",
        "prime",
        "foreign",
        "general",
        "counselor",
        "counsellor",
        "adviser",
        "advisor",
        "senator",
        "representative",
        "dr.",
        "dr",
        "mr.",
        "mr",
        "ms.",
        "ms",
        "mrs.",
        "mrs",
        "leader",
        "king",
        "queen",
        "prince",
        "princess",
        "commissioner",
        "envoy",
        "officer",
        "admiral",
        "sheikh",
        "emir",
        "mayor",
        "speaker",
        "special",
        "minister-president",
        "undersecretary",
        "co-chair",
        "head",
        "chief",
        "justice",
        "judge",
        "executive",
        "lieutenant",
        "colonel",
        "captain",
        "professor",
        "prof.",
        "sir",
        "lord",
        "lady",
        "dame",
        "baroness",
        "baron",
        "his",
        "her",
        "excellency",
        # Honorifics of Commonwealth styles: "the Rt Hon. Boris Johnson".
        "rt",
        "rt.",
        "hon",
        "hon.",
        "amb.",
        "lt.",
        "col.",
        "maj.",
        "capt.",
        "sec.",
        "pres.",
        "cllr.",
        "sgt.",
        "cmdr.",
        "brig.",
        "honourable",
        "honorable",
        "member",
        # Offices of councils, unions, companies and sports bodies.
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "trustee",
        "superintendent",
        "secretary-general",
        "vice-president",
        "vice-chair",
        "chairperson",
        "negotiator",
        "mediator",
        "delegate",
        "ceo",
    ]
)

# Words that end an organization's name, so a name run never swallows them.
ORG_WORDS = frozenset(
    [
        "services",
        "care",
        "affairs",
        "communities",
        "relations",
        "treasury",
        "finance",
        "department",
        "ministry",
        "commerce",
        "state",
        "defense",
        "defence",
        "office",
        "council",
        "commission",
        "group",
        "bank",
        "network",
        "enforcement",
        "forum",
        "house",
        "party",
        "committee",
        "agency",
        "institute",
        "affairs",
        "security",
        "national",
        "international",
        "domestic",
        "republic",
        "union",
        "administration",
        "government",
        "crimes",
        "financial",
        "economic",
        "central",
        "people's",
        "people\u2019s",
        "federal",
        "army",
        "navy",
        "force",
        "cabinet",
        "parliament",
        "congress",
        "senate",
        "assembly",
        "organization",
        "organisation",
        "summit",
        "conference",
        "program",
        "programme",
        "initiative",
        "delegation",
        "united",
        "states",
        "kingdom",
        "nations",
        "communist",
        "tourism",
        "leadership",
        "alliance",
        "coalition",
        "fund",
    ]
)
# Capitalized words of headlines and events that are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    [
        "meeting",
        "meetings",
        "readout",
        "visit",
        "call",
        "calls",
        "summit",
        "talks",
        "with",
        "and",
        "statement",
        "remarks",
        "travel",
        "trip",
        "following",
        "during",
        "after",
        "before",
        "on",
        "in",
        "at",
        "by",
        "about",
        "from",
        "release",
        "immediate",
        # Picture credits and captions: "| Photo: staff".
        "photo",
        "photos",
        "credit",
        "caption",
        "image",
        "file",
        # Post-nominal letters: "Julie Bishop MP" is Julie Bishop.
        "mp",
        "mep",
        "ministerial",
        "msp",
        "ms",
        "mla",
        "mpp",
        "td",
        "qc",
        "kc",
        "obe",
        "cbe",
        "kbe",
        "mbe",
        "phd",
    ]
)

# Forms of address that say nothing of a person's office.
HONORIFICS = frozenset(
    {
        "mr.",
        "mr",
        "ms.",
        "ms",
        "mrs.",
        "mrs",
        "dr.",
        "dr",
        "h.e.",
        "his excellency",
        "her excellency",
    }
)
NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})

# Verbs (lemmas) whose subject, object or "with" partner takes part in the meeting. "Hold" is
# one only with a meeting as its object ("held talks"; not "the engineer held in Karsk").
MEETING_VERBS = frozenset(
    [
        "meet",
        "host",
        "speak",
        "talk",
        "visit",
        "convene",
        "join",
        "attend",
        "participate",
        "call",
        "phone",
        "confer",
        "gather",
        "co-host",
        "cohost",
        "co-chair",
        "cochair",
    ]
)
# Words of a side's name that do not tell sides apart, or that would match an office's name
# ("Ministry" is not "Minister", "Government" is not "Governor").
NOT_A_SIDE = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "national",
        "international",
        "state",
        "states",
        "united",
        "republic",
        "people",
        "ministry",
        "ministries",
        "minister",
        "ministers",
        "department",
        "government",
        "office",
        "official",
        "officials",
        "federal",
        "general",
    }
)
# Bodies that meet: what they decide or who they question is their meeting.
BODIES = frozenset(
    {
        "council",
        "board",
        "committee",
        "cabinet",
        "commission",
        "assembly",
        "parliament",
        "panel",
        "congress",
        "senate",
        "conference",
        "federation",
        "association",
    }
)
# Nouns for the people a meeting brings together, and the titles of the people they are.
_LEADERS = ("president", "prime", "chancellor", "premier", "king", "queen", "emir", "leader")
GROUP_TITLES: dict[str, tuple[str, ...]] = {
    "leader": _LEADERS,
    "head": _LEADERS,
    "minister": ("minister", "secretary"),
    "governor": ("governor",),
    "mayor": ("mayor",),
    "executive": ("executive", "chief", "director", "officer", "head"),
    "negotiator": ("negotiator", "envoy"),
    "envoy": ("envoy", "ambassador"),
    "member": ("member", "councillor", "councilor"),
}
SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "press", "spokespeople"})
# Verbs of acting inside a meeting: their subject takes part in the meeting being read.
IN_MEETING_ACTS = frozenset({"vote", "abstain", "preside", "chair", "co-chair", "moderate"})
# Verbs that are a meeting only with a person as their object: "received Governor Osei"
# (not "received a letter"), "welcomed the minister".
PERSON_MEETING_VERBS = frozenset({"receive", "welcome", "greet"})
# Nouns naming the group that a subject of "led", "headed" takes part in.
GROUP_NOUNS = frozenset(
    {
        "delegation",
        "team",
        "side",
        "mission",
        "talks",
        "negotiation",
        "negotiations",
        "meeting",
        "discussion",
        "discussions",
        "consultations",
        "session",
    }
)
# Verbs of talking whose "about"/"on" phrase is a topic: "spoke about the harvest".
TALKING_VERBS = frozenset(
    {"speak", "talk", "confer", "consult", "chat", "converse", "negotiate", "deliberate", "argue"}
)
# Nouns for people and sides: a subject that is one of them is who, never what.
PEOPLE_NOUNS = frozenset(
    {
        "minister",
        "leader",
        "official",
        "delegate",
        "delegation",
        "side",
        "party",
        "representative",
        "member",
        "participant",
        "attendee",
        "guest",
        "host",
        "negotiator",
        "company",
        "firm",
        "operator",
        "executive",
        "lawmaker",
        "legislator",
        "envoy",
        "counterpart",
        "government",
        "country",
        "nation",
        "state",
        "team",
        "union",
        "employer",
        "worker",
        "head",
        "chief",
        "people",
    }
)
# What a meeting is said to be "on" when nothing reports it: "Port access was on the table."
TABLE_NOUNS = frozenset({"table", "agenda"})
# Objects that carry no topic: pronouns and demonstratives ("echoed this").
EMPTY_OBJECTS = frozenset(
    {"this", "that", "it", "them", "these", "those", "him", "her", "the same", "so", "one"}
)
# Verbs whose "by" agent leads or joins a delegation ("will be led by", "co-led by").
DELEGATION_VERBS = frozenset({"lead", "co-lead", "colead", "head", "join", "accompany"})
# Nouns that name the meeting when they are the object of "hold"/"have": "held a call with".
MEETING_NOUNS = frozenset(
    {
        "call",
        "meeting",
        "talk",
        "talks",
        "conversation",
        "videoconference",
        "dialogue",
        "discussion",
        "lunch",
        "dinner",
        "breakfast",
        "consultations",
        "session",
        "round",
        "summit",
        "negotiation",
        "negotiations",
        "congress",
        "conference",
        "convention",
        "plenary",
        "hearing",
        "debate",
        "visit",
        "trip",
        "tour",
        "consultation",
        "retreat",
        "audience",
        "teleconference",
        "ministerial",
    }
)
# Verbs that only open an infinitive: "is scheduled to meet", "plans to visit".
RAISING_VERBS = frozenset(
    {"schedule", "expect", "plan", "set", "due", "intend", "prepare", "agree"}
)

SCHEDULED_CUES = (
    "scheduled to",
    "expected to",
    "set to",
    "plans to",
    "planned to",
    "due to",
)
CANCELLED_CUES = ("cancel", "postpone", "called off", "call off")
PROPOSED_CUES = ("proposed", "propose", "invited", "offered to meet", "suggested")

PHONE_CUES = ("phone", "telephone", " call")
# "spoke with", "spoke today with", "spoke by telephone", "spoke to": a conversation at a
# distance (a meeting in person is written "met").
SPOKE_WITH = re.compile(r"\bspoke\b(?:\s+\w+){0,2}\s+(?:with|by|to)\b")
VIRTUAL_CUES = ("video", "virtual", "videoconference", "online", "teleconference")

# Another event than the one described: its time words move it out of the meeting.
OTHER_EVENT_CUES = (
    "last week",
    "last month",
    "last year",
    "earlier this",
    "previously",
    " ago",
    "in the past",
    "last summer",
    "last spring",
    "last fall",
    "last autumn",
    "last winter",
    " since ",
    *(
        f"last {month}"
        for month in (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    ),
)

# Verbs that report what the sides said or did in the meeting: their objects are agenda topics.
TOPIC_VERBS = frozenset(
    [
        "discuss",
        "raise",
        "emphasize",
        "emphasise",
        "exchange",
        "review",
        "address",
        "cover",
        "focus",
        "underscore",
        "reaffirm",
        "reiterate",
        "express",
        "stress",
        "highlight",
        "condemn",
        "welcome",
        "thank",
        "note",
        "agree",
        "commit",
        "confirm",
        "affirm",
        "concur",
        "provide",
        "share",
        "explore",
        "examine",
        "consider",
        "update",
        "brief",
        "outline",
        "convey",
        "seek",
        "support",
        "call",
        "urge",
        "press",
        "ask",
        "request",
        "demand",
        "warn",
        "recap",
        "flag",
        "tackle",
        "assess",
        "touch",
        "repeat",
        "congratulate",
        "pledge",
        "promise",
        "vow",
        "push",
        # What a meeting decides: "approved a new code", "voted to keep the rate".
        "approve",
        "adopt",
        "endorse",
        "ratify",
        "vote",
        "decide",
        "postpone",
        "defer",
        "reject",
        "sign",
    ]
)
_LIST_OPENERS = (
    "a wide range of topics",
    "a range of topics",
    "a wide range of issues",
    "a range of issues",
    "a number of issues",
    "their views on",
    "views on",
    "the importance of",
    "ways to",
    "stock of",
    "notes on",
    "tribute to",
    "attention to",
    "intention to",
    "readiness to",
    "willingness to",
    "desire to",
)
LIST_OPENERS = tuple(sorted(_LIST_OPENERS, key=len, reverse=True))


# Disagreement cues, each with the PLOVER verbal-conflict kind it signals.
@dataclass(frozen=True, slots=True)
class Cue:
    """A word stem that carries verbal conflict, its PLOVER kind, and when it counts.

    `needs`: a pattern the sentence must also match ("restrict" only near a trade word;
    "concern" only where someone voices it). `between_sides`: the cue says the sides differ
    with each other, so it counts under a joint subject ("the two delegations clashed"), where
    any other cue is a view they share. `intent`: under "will"/"shall" it is a plan to talk
    about a difference ("will address areas of difference"), not a difference voiced."""

    stem: str
    kind: str
    needs: re.Pattern[str] | None = None
    between_sides: bool = False
    intent: bool = False


# "restrict" alone is too common ("coronavirus restrictions"); it needs a trade object nearby.
_TRADE = re.compile(r"export|import|investment|technolog|chip|trade|compan")
# "concern" counts where someone voices it, not in a mandate ("to address issues of concern").
_VOICED = re.compile(
    r"\b(raised|raise|voiced|expressed|conveyed|reiterated|underscored|shared|highlighted|"
    r"flagged|noted)\b[^.;]{0,60}\bconcern|\bconcerns? (about|over|regarding|with|raised)\b|"
    r"\b(deeply |gravely )?concerned\b"
)
# A request put to the other side, not a question: "asked that the EU comply", "asked Karsk to
# lift the ban"; not "asked Osei about port fees".
_ASKED_TO = re.compile(
    r"\basked (that|for)\b|\basked (the |its |his |her )?[\w.-]+( [\w.-]+)? to \w+"
)
# "the need for Karsk to reopen the ports": a demand on a party, not "the need for equal access".
_NEED_FOR_TO = re.compile(r"\bneed for (the )?[\w.-]+('s)?( [\w.-]+)? to \w+")
# Verbal conflict, by PLOVER's kinds; every cue of a sentence counts.
FRICTION_CUES: tuple[Cue, ...] = (
    # Disapproval: the sides differ, or one side objects.
    Cue("at odds", "disapprove", between_sides=True),
    Cue("differences over", "disapprove", between_sides=True),
    Cue("deep differences", "disapprove", between_sides=True),
    Cue("areas of difference", "disapprove", between_sides=True, intent=True),
    Cue("disagree", "disapprove", between_sides=True, intent=True),
    Cue("far apart", "disapprove", between_sides=True),
    Cue("clash", "disapprove", between_sides=True),
    Cue("rift", "disapprove", between_sides=True),
    Cue("bristl", "disapprove"),
    Cue("unhappy", "disapprove"),
    Cue("concern", "disapprove", needs=_VOICED, intent=True),
    Cue("criticiz", "disapprove"),
    Cue("criticis", "disapprove"),
    Cue("complain", "disapprove"),
    Cue("accus", "disapprove"),
    Cue("objected", "disapprove"),
    Cue("disappoint", "disapprove"),
    Cue("displeasure", "disapprove"),
    Cue("dissatisf", "disapprove"),
    Cue("dismay", "disapprove"),
    Cue("grievance", "disapprove"),
    Cue("friction", "disapprove", between_sides=True),
    Cue("failed to reach", "disapprove", between_sides=True),
    Cue("no agreement", "disapprove", between_sides=True),
    Cue("objection", "disapprove"),
    Cue("protest", "disapprove"),
    Cue("blame", "disapprove"),
    Cue("tension", "disapprove"),
    Cue("dispute", "disapprove"),
    Cue("deadlock", "disapprove", between_sides=True),
    Cue("impasse", "disapprove", between_sides=True),
    Cue("stalemate", "disapprove", between_sides=True),
    Cue("pressure", "disapprove"),
    Cue("unacceptable", "disapprove"),
    Cue("provocative", "disapprove"),
    Cue("regrettable", "disapprove"),
    Cue("deplor", "disapprove"),
    Cue("violat", "disapprove"),
    Cue("breach", "disapprove"),
    Cue("sticking point", "disapprove", between_sides=True),
    Cue("split over", "disapprove", between_sides=True),
    Cue("divided over", "disapprove", between_sides=True),
    # Rejection: one side refuses, opposes, votes against or leaves.
    Cue("not negotiable", "reject"),
    Cue("reject", "reject"),
    Cue("refuse", "reject"),
    Cue("opposed", "reject"),
    Cue("oppose", "reject"),
    Cue("opposition", "reject"),
    Cue("walked out", "reject"),
    Cue("resist", "reject"),
    Cue("voted against", "reject"),
    Cue("dissent", "reject"),
    Cue("turned down", "reject"),
    # Demands put to the other side.
    Cue("called on", "demand"),
    Cue("called for", "demand"),
    Cue("urged", "demand"),
    Cue("demand", "demand"),
    Cue("pressed", "demand"),
    Cue("insisted", "demand"),
    Cue("urging", "demand"),
    Cue("asked", "demand", needs=_ASKED_TO),
    Cue("need for", "demand", needs=_NEED_FOR_TO),
    # Threats.
    Cue("warn", "threaten"),
    Cue("threat", "threaten"),
    Cue("ultimatum", "threaten"),
    Cue("retaliat", "threaten"),
    # Sanctions and trade measures.
    Cue("sanction", "sanction"),
    Cue("tariff", "sanction"),
    Cue("embargo", "sanction"),
    Cue("boycott", "sanction"),
    Cue("export control", "sanction"),
    Cue("restrict", "sanction", needs=_TRADE),
)
# A state of affairs that has lasted ("relations have been strained for years") is background,
# not a disagreement voiced in the meeting.
BACKGROUND = re.compile(
    r"\b(for (many |several )?(years|decades|months)|long-standing|longstanding|"
    r"ha(ve|s) long)\b"
)
JOINT_SUBJECTS = frozenset(
    {
        "they",
        "the two",
        "both sides",
        "the leaders",
        "both",
        "the sides",
        "the ministers",
        "the participants",
        "leaders",
        "ministers",
        "participants",
        "all sides",
    }
)
# Numbers of people or sides that speak together: "the three foreign ministers agreed".
JOINT_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "all")

OUTCOME_CUES: tuple[tuple[str, str], ...] = (
    ("meet again", "next_meeting"),
    ("next meeting", "next_meeting"),
    ("continue their discussions", "next_meeting"),
    ("in-person meeting", "next_meeting"),
    ("agreed", "agreement"),
    ("agreeing", "agreement"),
    ("decided", "agreement"),
    ("concurred", "agreement"),
    ("committed", "commitment"),
    ("pledged", "commitment"),
    ("looked forward", "commitment"),
    ("looks forward", "commitment"),
)

NORP_TO_SIDE = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "united states": "United States",
    "chinese": "China",
    "prc": "China",
    "people\u2019s republic of china": "China",
    "people's republic of china": "China",
    "china": "China",
    "russian": "Russia",
    "russia": "Russia",
    "indian": "India",
    "india": "India",
    "british": "United Kingdom",
    "united kingdom": "United Kingdom",
    "uk": "United Kingdom",
    "japanese": "Japan",
    "korean": "South Korea",
    "rok": "South Korea",
    "republic of korea": "South Korea",
    "french": "France",
    "german": "Germany",
    "ukrainian": "Ukraine",
    "israeli": "Israel",
    "iranian": "Iran",
    "european": "European Union",
    "eu": "European Union",
}
US_OFFICE_HINTS = (
    "u.s.",
    "treasury",
    "secretary of state",
    "secretary of defense",
    "secretary of commerce",
    "white house",
    "state department",
    "pentagon",
)

# Lines that introduce a list (they end with a colon): of the people taking part...
ROSTER_INTRODUCTIONS = (
    "participants",
    "attendees",
    "attended by",
    "in attendance",
    "took part",
    "present were",
    "delegation (was|were|comprised|consisted|included)",
)
# ... or of what was on the agenda.
AGENDA_INTRODUCTIONS = ("agenda", "topics", "discussed", "covered", "issues", "items")


# --- Meeting records: speaker labels ---------------------------------------------------------

# Words before a name in a transcript's speaker label, dropped to leave the name (compared
# lower-case, without the full stop): 'Mr. Todd Doherty', 'Right Hon. Justin Trudeau'.
LABEL_HONORIFICS = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord"),
        *("lady", "hon", "right", "rt", "the", "cllr", "councillor", "senator", "rep"),
        *("judge", "justice", "baroness", "baron", "rev", "reverend", "father", "sister"),
    }
)
# Letters after a name that say what the speaker is, not who: 'Lynne Neagle AM', 'Jo Rees MS'
# (compared as written, so the honorific 'Ms' before a name is not one).
MEMBER_SUFFIXES = frozenset(
    {
        *("AM", "MS", "MP", "MSP", "MLA", "TD", "MEP", "MHK", "MNA", "MPP", "QC", "KC"),
        *("OBE", "CBE", "MBE", "KBE", "DBE", "PhD", "Jr", "Sr", "Jr.", "Sr.", "FRS"),
    }
)
# Words of a label that is a role, not a name: 'The Chair', 'Project Manager', 'Grad A',
# 'Industrial Designer', 'Speaker 2', 'Unknown Speaker'.
ROLE_WORDS = frozenset(
    {
        *("chair", "chairman", "chairwoman", "chairperson", "acting", "deputy", "vice", "co"),
        *("president", "speaker", "clerk", "secretary", "moderator", "host", "interviewer"),
        *("interviewee", "presenter", "facilitator", "manager", "project", "marketing"),
        *("designer", "industrial", "user", "interface", "engineer", "professor", "grad"),
        *("phd", "postdoc", "student", "researcher", "member", "members", "witness", "panel"),
        *("participant", "unknown", "guest", "caller", "operator", "agent", "customer"),
        *("minister", "director", "officer", "official", "representative", "audience"),
        *("questioner", "respondent", "reporter", "journalist", "narrator", "voice", "male"),
        *("female", "man", "woman", "commissioner", "convener", "convenor", "lead", "expert"),
        *("analyst", "attendee", "team", "coordinator", "assistant", "all", "several", "both"),
        *("mayor", "councillor", "treasurer", "general", "senior", "junior", "technical"),
    }
)

# --- Meeting records: the agenda ---------------------------------------------------------------

# How a chair moves a meeting on to its next part: 'we'll move on now to questions on X',
# 'turning to item 3', 'the next questions are from Y on Z' (regular expressions).
TRANSITION_CUES = (
    r"\bmov(?:e|ing) on\b",
    r"\bgo(?:ing)? on (?:now |then )?to\b",
    r"\bcome on to\b",
    r"\bturn(?:ing)? (?:now )?to\b",
    r"\b(?:next|first|final|last|further|some) (?:set of )?questions?\b",
    r"\bquestions? (?:now )?(?:on|about|from|regarding)\b",
    r"\bnext (?:item|topic|section|area|theme|point)\b",
    r"\bitem \d+\b",
    r"\blet'?s (?:talk|move|look|go|turn|discuss)\b",
    r"\bwe(?:'ll| will| are going to|'re going to) (?:now )?(?:talk|look|discuss)\b",
    r"\bthe (?:next|final|last) (?:item|thing|topic|area)\b",
    r"\bon the agenda\b",
)
# Words of a meeting's business about itself, not a subject: the opening and closing formalities.
PROCEDURAL_WORDS = frozenset(
    {
        *("apology", "apologies", "absence", "substitution", "declaration", "interest"),
        *("standing", "order", "microphone", "translation", "broadcast", "public", "private"),
        *("minute", "minutes", "item", "paper", "note", "motion", "meeting", "committee"),
        *("session", "agenda", "welcome", "member", "members", "record", "remainder"),
        *("chair", "vote", "transcript", "video", "conference", "break", "time"),
    }
)

# --- Meeting records: points of friction ------------------------------------------------------

# How a speaker pushes back in the first person, in a committee room or a team meeting
# (regular expressions). Firm ones say it outright; weaker ones count only together.
FIRM_CHALLENGE_CUES = (
    r"\bI (?:don't|do not|can't|cannot) accept\b",
    r"\bI (?:don't|do not) agree\b",
    r"\bI disagree\b",
    r"\b(?:I'm|I am) not (?:convinced|persuaded|satisfied|sure that's right)\b",
    r"\bwith (?:the greatest |all due |great )?respect\b",
    r"\bthat(?:'s| is) (?:not|simply not) (?:true|right|correct|the case|good enough|acceptable)\b",
    r"\b(?:isn't|is it not) (?:it )?the case\b",
    r"\byou (?:haven't|have not|didn't|did not) answer",
    r"\bhow can you justify\b",
    r"\bunacceptable\b",
    r"\bnot good enough\b",
    r"\bin reality\b",
    r"\bthe reality is\b",
    r"\b(?:I|we) reject\b",
    r"\bsimply (?:not|wrong)\b",
    r"\bfar from\b",
    r"\bfalling (?:between|through) the cracks\b",
    # Pressing a witness with the other side's case, or a doubt put as a question.
    r"\bhow (?:do|would) you respond to\b",
    r"\bwhat (?:do|would) you say to\b",
    r"\b(?:some|many|others|critics|people) (?:would |have |might )?"
    r"(?:argue|argued|say|said|suggest|suggested|claim|claimed)\b",
    r"\bthere(?:'s| is| are) (?:a view|those|people) (?:that|who)\b",
    r"\b(?:isn't|is) there (?:a|not a) (?:risk|danger)\b",
    r"\b(?:do|would) you (?:not )?accept\b",
    r"\b(?:don't you|do you not) think\b",
    r"\bare you (?:confident|satisfied|content|comfortable) (?:that|with)\b",
    r"\bhow can (?:you|we) be (?:sure|confident|certain)\b",
    r"\bwhat evidence\b",
    r"\bis it (?:right|fair|acceptable) that\b",
    r"\bI (?:don't|do not) think (?:we|that's|that is|it's|it is) "
    r"(?:should|need|right|going|the)\b",
    r"\b(?:no|not) (?:way|chance)\b",
)
CHALLENGE_CUES = (
    r"\bconcern(?:s|ed)?\b",
    r"\bworr(?:y|ied|ies|ying)\b",
    r"\bdisappoint\w*\b",
    r"\bfrustrat\w*\b",
    r"\bfail(?:ed|ing|ure|s)?\b",
    r"\bcritici\w+\b",
    r"\bsurely\b",
    r"\bwhy (?:haven't|hasn't|didn't|isn't|aren't|won't|can't|wasn't|weren't|not)\b",
    r"\bproblem(?:s|atic)?\b",
    r"\bshortfall\b",
    r"\b(?:not|no) (?:enough|sufficient|adequate)\b",
    r"\btoo (?:slow|late|little|few)\b",
    r"\bdelay(?:s|ed)?\b",
    r"\bbut\b",
    r"\bhowever\b",
    r"\bpress(?:ed|ing)? (?:you|the)\b",
    r"\bcommit(?:ment)? to\b",
    r"\bguarantee\b",
    r"\bassurance\b",
)

# --- Meeting records: the title -------------------------------------------------------------

# Nouns that end the name of a body that meets: 'the Finance Committee', 'the Executive Board'.
BODY_NOUNS = (
    *("Committee", "Sub-committee", "Subcommittee", "Council", "Board", "Commission", "Panel"),
    *("Assembly", "Working Group", "Task Force", "Taskforce", "Cabinet", "Senate", "Parliament"),
    *("Authority", "Trust", "Forum", "Caucus", "Tribunal", "Inquiry"),
)
# Nouns of talk itself, never a meeting's subject: 'thing', 'question', 'point', 'minister'.
GENERIC_TALK_WORDS = frozenset(
    {
        *("thing", "things", "way", "time", "lot", "bit", "question", "questions", "point"),
        *("year", "years", "people", "member", "members", "minister", "chair", "committee"),
        *("today", "issue", "issues", "term", "terms", "kind", "sort", "number", "part"),
        *("work", "place", "case", "fact", "area", "areas", "level", "example", "stuff"),
        *("idea", "sense", "moment", "day", "week", "month", "answer", "evidence", "view"),
        *("yeah", "okay", "uh", "um", "mm", "hmm", "gon", "wan", "disfmarker", "vocalsound"),
        *("gap", "laugh", "government", "thank", "thanks", "session", "meeting", "start"),
        *("end", "side", "end", "group", "person", "one", "ones", "lot", "minute", "minutes"),
    }
)

# --- Meeting records: outcomes ----------------------------------------------------------------

# Decisions and undertakings as a record states them (regular expressions): 'the committee
# agreed to', 'carried 5-2', "I'll write to the committee with the figures", 'action: Ana'.
DECISION_CUES = (
    r"\b(?:the committee|members|we|the board|the council|the panel) (?:has |have )?agreed\b",
    r"\bresolved\b",
    r"\b(?:motion|amendment|resolution) (?:is |was )?(?:carried|agreed|adopted|passed)\b",
    r"\bcarried\b(?: by)? \d+\s*(?:-|to)\s*\d+",
    r"\bunanimously\b",
)
UNDERTAKING_CUES = (
    r"\b(?:I|we)(?:'ll| will| shall) (?:write|send|provide|share|circulate|follow up|get back|"
    r"come back|report back|look into|check|make sure|update)\b",
    r"\bwrite to (?:the committee|you|the chair)\b",
    r"\baction (?:point|item)s?\b",
    r"\b(?:next|following) meeting\b",
)

# Agenda items of minutes that are the meeting's own business, not a subject discussed.
PROCEDURAL_ITEMS = (
    "apologies",
    "declarations of interest",
    "declaration of interest",
    "minutes of the previous",
    "minutes of the last",
    "matters arising",
    "any other business",
    "date of next meeting",
    "date of the next meeting",
    "welcome and introductions",
    "opening of the meeting",
    "close of meeting",
)
