"""The extractive engine's reading rules, one table per category of language, each case an
invented sentence (never a gold text's words): a rule earns its place by reading these."""

from __future__ import annotations

import pytest

from summarizer import summarize

OPENING = "Minister Petra Lund met Governor Kofi Osei in Karsk on Monday. "


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        (
            "At a regional forum in Valdoria, Minister Petra Lund, speaking after a long "
            "bilateral session, voiced concerns about fishing quotas.",
            "fishing quotas",
        ),
        (
            "The two delegations clashed over the new levy on grain exports.",
            "new levy on grain exports",
        ),
        ("Osei bristled at the proposed import embargo.", "proposed import embargo"),
        (
            "Their positions on the fishing quotas remain far apart.",
            "positions on the fishing quotas",
        ),
        (
            "Lund said that access to the northern ports is not negotiable.",
            "access to the northern ports",
        ),
        ("Lund called on Osei to lift the ban on timber sales.", "lift the ban on timber sales"),
    ],
)
def test_a_friction_is_labelled_by_what_its_cue_is_about(sentence: str, issue: str) -> None:
    """The label is the cue's own phrase (its object, its clause, the subject of 'X is not
    negotiable'), not the first words of a sentence that puts the issue last."""
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert any(issue in label for label in labels), labels


@pytest.mark.parametrize(
    "sentence",
    [
        "Relations between the two countries have been strained for years over trade.",
        "The dispute over the border is long-standing.",
        "They condemned the attack on the convoy.",
    ],
)
def test_background_and_shared_views_are_not_frictions_of_the_meeting(sentence: str) -> None:
    """A state of affairs that has lasted, or a view both sides share, is not a disagreement."""
    assert summarize(OPENING + sentence).frictions == []


@pytest.mark.parametrize(
    ("text", "published", "date_text", "iso"),
    [
        (
            "Minister Lund met Governor Osei in Karsk on Friday.",
            "2024-05-08",
            "Friday",
            "2024-05-03",
        ),
        (
            "Minister Lund will meet Governor Osei in Karsk on Friday.",
            "2024-05-08",
            "Friday",
            "2024-05-10",
        ),
        (
            "Minister Lund met Governor Osei in Karsk on Wednesday.",
            "2024-05-08",
            "Wednesday",
            "2024-05-08",
        ),
        (
            "Minister Lund met Governor Osei in Karsk on 4 September.",
            "2019-09-06",
            "4 September",
            "2019-09-04",
        ),
        (
            "Ministers met in Karsk on Sept. 4-5.",
            "2019-09-06",
            "Sept. 4-5",
            "2019-09-04/2019-09-05",
        ),
        (
            "Ministers met in Karsk on the 4th and 5th of September 2019.",
            None,
            None,
            "2019-09-04/2019-09-05",
        ),
        ("Ministers met in Karsk in March 2021.", "2021-04-01", "March 2021", None),
    ],
)
def test_dates_are_read_in_the_forms_news_writes_them(
    text: str, published: str | None, date_text: str | None, iso: str | None
) -> None:
    """Weekdays against the publication date (back for a meeting held, forward for one to come),
    day-first and abbreviated months, ranges; a month and year is not a day ('March 2021' is
    never March 20)."""
    meeting = summarize(text, published=published).meeting
    if date_text is not None:
        assert meeting.date_text == date_text
    assert meeting.date == iso


@pytest.mark.parametrize(
    ("text", "attended"),
    [
        (
            "Minister Jan van der Berg met Sheikh Ali bin Hamad in Doha.",
            {"Jan van der Berg", "Ali bin Hamad"},
        ),
        (
            "Prime Minister Kim Min Jae received Governor Kofi Osei at the ministry.",
            {"Kim Min Jae", "Kofi Osei"},
        ),
        (
            "Governor Kofi Osei held a working lunch with Minister Petra Lund in Karsk.",
            {"Kofi Osei", "Petra Lund"},
        ),
        (
            "During their talks in Karsk, Minister Petra Lund asked Governor Kofi Osei about "
            "port fees.",
            {"Petra Lund", "Kofi Osei"},
        ),
        (
            "Minister Petra Lund sat down with Governor Kofi Osei in Karsk.",
            {"Petra Lund", "Kofi Osei"},
        ),
        (
            "Governor Kofi Osei headed the visiting team at the talks with Minister Petra Lund.",
            {"Kofi Osei", "Petra Lund"},
        ),
        (
            "Minister Ana Ruiz held a call with the Rt Hon. Tom Hale, and the Hon. Jo Marsh MP.",
            {"Ana Ruiz", "Tom Hale", "Jo Marsh"},
        ),
    ],
)
def test_who_takes_part_is_read_from_the_ways_meetings_are_written(
    text: str, attended: set[str]
) -> None:
    """Particles and three-part names kept whole, honorifics and post-nominals left out;
    'received', 'sat down with', 'a working lunch', 'during their talks', 'headed the team'."""
    summary = summarize(text)
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("Lund asked Osei about port fees.", ["port fees"]),
        (
            "Lund welcomed Osei to the capital and recapped progress on the rail link.",
            ["rail link"],
        ),
        ("Osei echoed this.", []),
        ("Port access was also on the table.", ["Port access"]),
    ],
)
def test_topics_are_what_was_talked_about_not_who_or_where(
    sentence: str, topics: list[str]
) -> None:
    """The person asked or welcomed, the place they came to and a bare 'this' are not topics;
    'X was on the table' is one."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    labels = [topic.label for topic in summary.agenda_topics]
    assert len(labels) == len(topics), labels
    for label, expected in zip(labels, topics, strict=True):
        assert expected in label
        assert "Osei" not in label
        assert "capital" not in label


ROSTER = """Talks on fisheries in Karsk

A meeting of trade ministers was held in Karsk on 3 June.

The participants were:

\u2022 for Valdoria, the Minister for Trade, Petra Lund, and the Minister for Marine Affairs, \
Siobhan O\u2019Leary;

\u2022 for Osterland, the Trade Commissioner, Kofi Osei.

The agenda covered:

\u2022 Quotas for the coming season

\u2022 Port access for small boats

Ministers also paid tribute to the late Governor Ivo Brandt.
"""


def test_a_roster_and_an_agenda_introduced_by_a_colon_are_read() -> None:
    """People of a participants list take part; the lines of an agenda list are topics; a
    sentence followed by a blank line is still prose (the meeting sentence here)."""
    summary = summarize(ROSTER, published="2024-06-04")
    attended = {p.name for p in summary.participants if p.presence == "attended"}
    assert attended == {"Petra Lund", "Siobhan O\u2019Leary", "Kofi Osei"}
    assert {p.name for p in summary.participants if p.presence == "mentioned"} == {"Ivo Brandt"}
    assert [t.label for t in summary.agenda_topics][:2] == [
        "Quotas for the coming season",
        "Port access for small boats",
    ]
    assert summary.meeting.date == "2024-06-03"
    assert summary.meeting.location == "Karsk"


def test_a_department_tagged_as_a_name_is_not_a_person() -> None:
    """When the parser tags 'Social Services' as a person (as the small model does in some
    readouts), it is not taken for one: names end with a surname, not a department word."""
    from spacy.tokens import Span

    from summarizer.nlp import load_pipeline
    from summarizer.nlp.people import find_mentions

    doc = load_pipeline()("The Minister for Health and Social Services, Ana Ruiz, spoke.")
    words = [token.text for token in doc]
    department = Span(doc, words.index("Social"), words.index("Services") + 1, label="PERSON")
    person = Span(doc, words.index("Ana"), words.index("Ruiz") + 1, label="PERSON")
    doc.ents = [department, person]
    assert [mention.text for mention in find_mentions(doc)] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "status", "meeting_format"),
    [
        (
            "The talks between Minister Petra Lund and Governor Kofi Osei in Karsk were "
            "postponed indefinitely.",
            "cancelled",
            "in_person",
        ),
        ("Minister Petra Lund proposed a meeting with Governor Kofi Osei.", "proposed", "unknown"),
        (
            "Minister Petra Lund held a video call with Governor Kofi Osei on Monday.",
            "held",
            "virtual",
        ),
        (
            "Minister Petra Lund will visit Karsk next week to meet Governor Kofi Osei.",
            "scheduled",
            "in_person",
        ),
    ],
)
def test_status_and_format_follow_the_meetings_own_words(
    text: str, status: str, meeting_format: str
) -> None:
    """Postponed without a new date is cancelled; an offer to meet is proposed; a video call
    is virtual; 'will visit' is scheduled."""
    meeting = summarize(text).meeting
    assert (meeting.status.value, meeting.format.value) == (status, meeting_format)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Lund criticised the new restrictions on chip exports.", True),
        ("Lund described the coronavirus restrictions in the capital.", False),
        ("Osei voiced concerns about the pipeline route.", True),
        ("The council was set up to address issues of concern to both sides.", False),
        ("The two ministers will address areas of difference at their next meeting.", False),
        ("The two ministers disagreed over the pipeline route.", True),
        ("The two ministers condemned the attack on the ferry.", False),
        ("Osei expressed disappointment over the delayed rail link.", True),
        ("Lund voiced opposition to the new port fees.", True),
        ("Osei called for the release of the detained fishermen.", True),
        ("The two sides failed to reach agreement on the quotas.", True),
    ],
)
def test_each_cue_counts_only_under_its_own_conditions(sentence: str, counts: bool) -> None:
    """A cue needs its context ('restrict' a trade word, 'concern' a voice), only cues between
    the sides count under a joint subject, and a plan to discuss a difference is not one."""
    frictions = summarize(OPENING + sentence).frictions
    assert bool(frictions) is counts, [f.issue for f in frictions]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Minister Petra Lund travelled to Karsk on Monday to meet Governor Kofi Osei.", "Karsk"),
        ("During a visit to Karsk, Minister Petra Lund met Governor Kofi Osei.", "Karsk"),
        ("Minister Petra Lund met Governor Kofi Osei at the Northern Forum in Karsk.", "Karsk"),
        (
            "Minister Petra Lund met Governor Kofi Osei on the sidelines of the G20 summit in "
            "Rio de Janeiro.",
            "Rio de Janeiro",
        ),
        ("KARSK, June 3 - Minister Petra Lund met Governor Kofi Osei on Monday.", None),
        ("Minister Petra Lund met Governor Kofi Osei in Congress.", None),
        (
            "Minister Petra Lund met Governor Kofi Osei on June 3. The two-day talks in Karsk "
            "ended with a statement.",
            "Karsk",
        ),
    ],
)
def test_the_place_is_where_the_meeting_itself_happened(text: str, place: str | None) -> None:
    """The end of the journey, the city of a venue, the host of a larger event, or a later
    sentence about the same meeting; never a dateline or a body that is not a place."""
    assert summarize(text, published="2024-06-05").meeting.location == place


@pytest.mark.parametrize(
    ("text", "attended", "meeting_format"),
    [
        (
            "Foreign Minister Ana Ruiz paid a courtesy call on Prime Minister Kofi Osei in Karsk.",
            {"Ana Ruiz", "Kofi Osei"},
            "in_person",
        ),
        (
            "Foreign Minister Ana Ruiz had breakfast with Prime Minister Kofi Osei.",
            {"Ana Ruiz", "Kofi Osei"},
            "in_person",
        ),
        (
            "Prime Minister Kofi Osei spoke to President Ana Ruiz by phone on Monday.",
            {"Kofi Osei", "Ana Ruiz"},
            "phone",
        ),
        (
            "President Ana Ruiz received a phone call from Prime Minister Kofi Osei.",
            {"Ana Ruiz", "Kofi Osei"},
            "phone",
        ),
    ],
)
def test_the_partner_of_a_call_a_visit_or_a_meal_takes_part(
    text: str, attended: set[str], meeting_format: str
) -> None:
    """'a courtesy call on X' (a visit, in person), 'breakfast with X', 'spoke to X', 'a call
    from X': both sides take part."""
    summary = summarize(text)
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended
    assert summary.meeting.format.value == meeting_format


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        (
            "Topics included fisheries, port fees and migration.",
            ["fisheries", "port fees", "migration"],
        ),
        (
            "Issues discussed were tariffs, visas and rail links.",
            ["tariffs", "visas", "rail links"],
        ),
        ("Issues are complex.", []),
    ],
)
def test_a_sentence_that_lists_the_agenda_gives_its_topics(
    sentence: str, topics: list[str]
) -> None:
    """'Topics included A, B and C': the list is the agenda, without a reporting verb."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    assert [topic.label for topic in summary.agenda_topics] == topics


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("They discussed a broad range of issues.", []),
        ("Among the topics discussed was the ban on timber sales.", ["ban on timber sales"]),
        ("The need for equal port access was also discussed.", ["need for equal port access"]),
        ("It was discussed.", []),
    ],
)
def test_topics_said_in_the_passive_or_as_a_generic_phrase(
    sentence: str, topics: list[str]
) -> None:
    """'X was discussed' and 'Among the topics discussed was X' give X; 'a broad range of
    issues' says only that there were topics, and is not one."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    assert [topic.label for topic in summary.agenda_topics] == topics


@pytest.mark.parametrize(
    ("text", "attended", "meeting_format"),
    [
        (
            "Leaders of the Dock Pilots Guild and the Harbour Authority broke off contract talks "
            "on Monday. Guild secretary Ines Varga said the offer was too low. Authority director "
            "Omar Lindt told reporters that no deal was close.",
            {"Ines Varga", "Omar Lindt"},
            "in_person",
        ),
        (
            "Fisheries ministers of Valdoria and Osterland ended a second round of negotiations "
            "on quotas on Friday. Valdorian Minister Petra Lund insisted on a lower catch limit.",
            {"Petra Lund"},
            "in_person",
        ),
        (
            "Minister Petra Lund flew to Karsk for talks with her Osterland counterpart, Kofi "
            "Osei.",
            {"Petra Lund", "Kofi Osei"},
            "in_person",
        ),
        (
            "Members of the Rowing Federation approved new rules at their annual congress on "
            "Sunday. Federation president Ana Ruiz, who chaired the session, said the vote was "
            "close.",
            {"Ana Ruiz"},
            "in_person",
        ),
    ],
)
def test_meetings_written_as_what_happens_to_them_and_who_speaks_for_each_side(
    text: str, attended: set[str], meeting_format: str
) -> None:
    """Talks that are broken off, ended, flown to or held at a congress are the meeting; a
    person tied by their own title to a side of it ('Guild secretary', 'Valdorian Minister',
    'her counterpart') who acts in the report takes part; talks and congresses are in person."""
    summary = summarize(text, published="2024-06-05")
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended
    assert summary.meeting.format.value == meeting_format


@pytest.mark.parametrize(
    ("text", "attended", "absent"),
    [
        (
            "The city council met on Tuesday. Councillor Ana Ruiz voted against the budget. "
            "Deputy Mayor Tom Hale, who did not attend the meeting, criticised the vote.",
            {"Ana Ruiz"},
            {"Tom Hale"},
        ),
        (
            "Trade ministers met in Karsk on Monday. Attending were Minister Petra Lund, "
            "Minister Kofi Osei and Minister Ana Ruiz.",
            {"Petra Lund", "Kofi Osei", "Ana Ruiz"},
            set(),
        ),
        (
            "Union and employers broke off wage talks on Monday. Spokesperson Tom Hale of the "
            "union said the employers had walked out.",
            set(),
            {"Tom Hale"},
        ),
        (
            "Mediator Kofi Osei is expected to call both sides back to the table next week. "
            "Minister Ana Ruiz met the union on Monday.",
            {"Ana Ruiz"},
            {"Kofi Osei"},
        ),
    ],
)
def test_acting_in_a_meeting_and_staying_out_of_it(
    text: str, attended: set[str], absent: set[str]
) -> None:
    """Voting in a meeting or a roster after 'Attending were' is taking part; 'did not attend'
    and speaking for a side are not; 'call both sides back' is no phone call."""
    summary = summarize(text, published="2024-06-05")
    presence = {p.name: p.presence for p in summary.participants}
    assert {name for name, seen in presence.items() if seen == "attended"} == attended
    assert all(presence.get(name) == "mentioned" for name in absent), presence
    assert summary.meeting.format.value != "phone"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Members of the rowing federation postponed a vote on new rules at their congress.",
            "held",
        ),
        ("The congress of the rowing federation was postponed until further notice.", "cancelled"),
        ("Minister Petra Lund called off her visit to Karsk.", "cancelled"),
    ],
)
def test_only_a_meeting_called_off_is_cancelled(text: str, status: str) -> None:
    """Postponing something decided in a meeting (a vote) leaves the meeting held."""
    assert summarize(text).meeting.status.value == status


@pytest.mark.parametrize(
    ("text", "headline", "iso"),
    [
        ("KARSK, June 3 (Staff) - Minister Lund met Governor Osei on Sunday.", None, "2024-06-02"),
        ("Minister Lund spoke to Governor Osei this afternoon.", None, "2024-06-05"),
        (
            "Minister Lund spoke to Governor Osei this afternoon.",
            "Call with Osei: 4 June",
            "2024-06-04",
        ),
        (
            "Both sides reached a deal on Monday evening. Minister Lund and Governor Osei signed "
            "it after talks that ran through the night.",
            None,
            "2024-06-03",
        ),
    ],
)
def test_the_date_skips_the_dateline_and_reads_the_headline_and_the_lede(
    text: str, headline: str | None, iso: str
) -> None:
    """A dateline's date is the filing date; a headline's written date beats a relative word;
    a lede that says when is read where the meeting's own sentence does not."""
    document = f"{headline}\n\n{text}" if headline else text
    assert summarize(document, published="2024-06-05").meeting.date == iso


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        (
            "They reviewed the forecast for exports, fuel costs and the rental market.",
            ["forecast for exports", "fuel costs", "rental market"],
        ),
        ("The board approved a new safeguarding code.", ["new safeguarding code"]),
        (
            "The agreement includes a pay rise, a shorter week and a training fund.",
            ["pay rise", "shorter week", "training fund"],
        ),
    ],
)
def test_lists_and_decisions_are_topics(sentence: str, topics: list[str]) -> None:
    """A list's later items hang wherever the parser put them; what a meeting approves or
    settles in an agreement is on its agenda."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    labels = [topic.label for topic in summary.agenda_topics]
    for expected in topics:
        assert any(expected in label for label in labels), labels


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        ("The two sides remained far apart on pension reform.", "pension reform"),
        ("Several clubs objected to the longer season.", "longer season"),
        ("Lund pressed for the release of the fishing crews.", "release of the fishing crews"),
    ],
)
def test_a_friction_label_follows_the_cue_to_its_issue(sentence: str, issue: str) -> None:
    """'far apart on X' is about X, not the sides; 'objected to X', 'pressed for X'."""
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert any(label.startswith(issue) for label in labels), labels


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Envoys of Valdoria and Osterland ended talks on dividing the Lys Delta in Karsk on "
            "Monday.",
            "Karsk",
        ),
        (
            "Minister Petra Lund and Governor Kofi Osei signed the accord at the guild hall in "
            "Karsk after talks that lasted all night.",
            "Karsk",
        ),
        ("Delegates discussed the war in Karsk during their meeting.", None),
    ],
)
def test_a_place_beside_the_time_or_the_signing_is_the_meetings(
    text: str, place: str | None
) -> None:
    """Where and when travel together even where the parser hangs them on another word; what
    the sides did after their talks happened where the talks were; a place that is only the
    subject matter is not the meeting's."""
    assert summarize(text, published="2024-06-05").meeting.location == place


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The board approved the transfer rules at its spring session on Friday.", "Friday"),
        ("Lund raised port fees after the guild wrote to him.", "wrote"),
        ("Osei called the discussions useful.", "discussions"),
        ("They agreed to stay in close contact.", "contact"),
        ("Both ministers signed the deal.", "deal"),
    ],
)
def test_a_topic_label_leaves_out_when_where_and_empty_words(sentence: str, absent: str) -> None:
    """A topic is what was discussed: not the day, the session, a clause of what happened
    before, a verdict on the talks, staying in touch, or a bare 'deal'."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    labels = [topic.label for topic in summary.agenda_topics]
    assert not any(absent in label for label in labels), labels


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Envoys of Valdoria and Osterland ended a fourth round of negotiations on Monday. "
            "Valdorian envoy Petra Lund said gaps remained.",
            ["Fourth round of negotiations", "Lund"],
        ),
        (
            "Foreign Minister Chen Weiming met Minister Petra Lund in Karsk. Minister Chen said "
            "the talks were useful.",
            ["Chen", "Lund"],
        ),
        (
            "Minister Petra Lund will embark on a regional tour next week. She will meet "
            "Governor Kofi Osei and Minister Ana Ruiz.",
            ["Regional tour", "Lund", "Osei", "Ruiz"],
        ),
    ],
)
def test_the_title_says_what_the_meeting_was_and_who_took_part(text: str, words: list[str]) -> None:
    """The meeting's own noun phrase, and up to three names in the short form the document
    itself uses ('Minister Chen' for a family-name-first name)."""
    title = summarize(text, published="2024-06-05").meeting.title
    assert all(word in title for word in words), title


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        (
            "Lund asked that Osterland lift the ban on timber sales.",
            ["lift the ban on timber sales"],
        ),
        ("Lund asked Osei about port fees.", []),
        ("The need for Osterland to reopen the northern ports was also discussed.", ["need for"]),
        ("The need for equal port access was also discussed.", []),
        ("Lund said Osterland had violated the fishing accord.", ["fishing accord"]),
        (
            "Lund raised concerns about port fees, and asked that Osterland lift the timber ban.",
            ["port fees", "lift the timber ban"],
        ),
        ("The three ministers agreed to increase pressure on Norland.", []),
        ("Osei accused the governor of delaying the audit.", ["delaying the audit"]),
        ("Port fees remain the main sticking point.", ["Port fees"]),
    ],
)
def test_demands_breaches_and_shared_stances(sentence: str, issues: list[str]) -> None:
    """A request put to the other side ('asked that X do Y', 'the need for X to do Y') and a
    breach are frictions, each main clause its own; a question, a plain need, or pressure the
    sides agree to put on a third country are not; the person accused is not the issue."""
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert len(labels) == len(issues), labels
    for label, issue in zip(labels, issues, strict=True):
        assert issue in label, labels


@pytest.mark.parametrize(
    ("text", "attended"),
    [
        (
            "(From left) Minister Petra Lund, Minister Kofi Osei and Minister Ana Santos at the "
            "forum in Karsk.\n\nFisheries ministers of the three states gathered in Karsk on "
            "Monday.",
            {"Petra Lund", "Kofi Osei", "Ana Santos"},
        ),
        (
            "Remarks by Minister Petra Lund\n\nYesterday I held talks with Governor Kofi Osei "
            "in Karsk.",
            {"Petra Lund", "Kofi Osei"},
        ),
        (
            "Minister Petra Lund flew to Karsk, where she held talks with Governor Kofi Osei.",
            {"Petra Lund", "Kofi Osei"},
        ),
        (
            "Minister Petra Lund said that Governor Kofi Osei had held talks with Ana Santos.",
            {"Kofi Osei", "Ana Santos"},
        ),
        (
            "Minister Petra Lund welcomes Governor Kofi Osei to the ministry | Photo: staff\n\n"
            "The two officials discussed port fees on Monday.",
            {"Petra Lund", "Kofi Osei"},
        ),
    ],
)
def test_captions_the_first_person_and_a_later_clause_put_people_in_the_meeting(
    text: str, attended: set[str]
) -> None:
    """A caption of the meeting's picture, the author of a statement who says 'I held talks',
    the subject whose own later clause is the meeting ('flew to Karsk, where she held talks');
    not the one who only reports it; a page whose only meeting words are its headline."""
    summary = summarize(text, published="2024-06-05")
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended
    assert "Photo" not in summary.meeting.title


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Minister Lund met Governor Osei on the 3rd.", "2024-06-03"),
        ("Minister Lund met Governor Osei on the 28th.", "2024-05-28"),
        ("Minister Lund will meet Governor Osei on the 2nd.", "2024-07-02"),
    ],
)
def test_a_bare_day_of_the_month_is_read_against_the_publication_date(text: str, iso: str) -> None:
    """'on the 3rd' is in the month of publication, or the one before (after, for a meeting
    to come) where that day has not come (has passed)."""
    assert summarize(text, published="2024-06-05").meeting.date == iso


def test_a_list_announced_with_a_colon_inside_a_sentence_gives_its_items() -> None:
    """'held discussions of several items: A, B and C' lists A, B and C."""
    summary = summarize(
        "Minister Petra Lund held discussions of several items with Governor Kofi Osei: "
        "timber quotas, ferry links and visas."
    )
    labels = [topic.label for topic in summary.agenda_topics]
    assert {"timber quotas", "ferry links", "visas"} <= set(labels), labels


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The jury, meeting in Karsk on Sunday, chose the winning design.", "held"),
        ("Delegates are meeting in Karsk this week to settle the dispute.", "held"),
        ("Trade ministers meet in Karsk on Friday to discuss the levy.", "scheduled"),
        ("Talks between the dockers and the port continue on Friday.", "scheduled"),
        ("The board, chaired by Ana Ruiz, voted to close the depot on Tuesday.", "held"),
        ("The summit has been postponed to July 9.", "scheduled"),
        ("Lund and Osei were due to meet on Monday but the meeting was called off.", "cancelled"),
    ],
)
def test_status_reads_participles_the_news_present_and_bodies_deciding(
    text: str, status: str
) -> None:
    """A participle takes its clause's tense; the news present with a day ahead is to come;
    a board or council deciding is its meeting; postponed to a set date is scheduled."""
    meeting = summarize(text, published="2024-06-05").meeting
    assert meeting.status.value == status
    assert meeting.format.value == "in_person"


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The talks centred on water tariffs.", "water tariffs"),
        ("Talks also dealt with cattle exports.", "cattle exports"),
        ("The conversation then turned to the fishing ban.", "fishing ban"),
        ("Grain storage featured prominently in the meeting.", "Grain storage"),
        ("Ferry safety topped the agenda.", "Ferry safety"),
        ("On tourism, Lund said both sides would do more.", "tourism"),
        ("Lund and Osei also spoke about the census.", "census"),
        ("They took stock of the bridge project.", "bridge project"),
        ("They compared notes on flood defences.", "flood defences"),
        ("Lund congratulated Osei on his appointment.", "his appointment"),
    ],
)
def test_topics_without_a_reporting_verb(sentence: str, topic: str) -> None:
    """What the talks centred on or dealt with, what featured in or topped them, a topic put
    first, what people spoke about, and verbs of reporting that come as idioms."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    assert [t.label for t in summary.agenda_topics] == [topic]


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting was chaired by Minister Ana Santos.",
        "During the meeting, the attendees stood for a minute.",
        "They also spoke on the phone on Tuesday.",
        "On Monday, Lund said the sides would meet again.",
    ],
)
def test_who_chaired_who_attended_and_how_they_spoke_are_no_topics(sentence: str) -> None:
    """The meeting's chair, its attendees, the line they spoke on and a fronted day."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    assert [t.label for t in summary.agenda_topics] == []


@pytest.mark.parametrize(
    ("text", "attended", "mentioned"),
    [
        (
            "President Omar Haddad of Qaria met Prime Minister Lena Sorensen in Aldor.",
            {"Omar Haddad", "Lena Sorensen"},
            set(),
        ),
        (
            "Envoy Sigrid Lange met Daniel Osei-Mensah in Karsk on Monday.",
            {"Sigrid Lange", "Daniel Osei-Mensah"},
            set(),
        ),
        (
            "Minister Aksel Berg held talks in Sorvik on Wednesday. Berg told his counterpart "
            "Irina Volkova that the ship had broken the law.",
            {"Aksel Berg", "Irina Volkova"},
            set(),
        ),
        (
            "A meeting between Minister Hugo Brandt and Minister Li Wen was held in Okra.",
            {"Hugo Brandt", "Li Wen"},
            set(),
        ),
    ],
)
def test_places_are_not_people_and_partners_of_a_meeting_take_part(
    text: str, attended: set[str], mentioned: set[str]
) -> None:
    """A lone word after 'of' or 'in' is a place the tagger took for a person; a hyphenated
    surname is whole; a counterpart spoken to, and both people a meeting is 'between', are in
    it."""
    summary = summarize(text, published="2024-06-05")
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended
    assert {p.name for p in summary.participants if p.presence == "mentioned"} == mentioned


@pytest.mark.parametrize(
    ("text", "location", "iso"),
    [
        (
            "Minister Lund met Governor Osei at the Kelso naval base on Tuesday.",
            "Kelso naval base",
            "2024-06-04",
        ),
        (
            "President Haddad will host Prime Minister Sorensen for a two-day summit in Aldor "
            "starting June 14.",
            "Aldor",
            "2024-06-14/2024-06-15",
        ),
    ],
)
def test_named_venues_and_meetings_that_last_days(text: str, location: str, iso: str) -> None:
    """A venue named by a place word before it; 'a two-day summit starting June 14' is a range."""
    meeting = summarize(text, published="2024-06-05").meeting
    assert (meeting.location, meeting.date) == (location, iso)


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        (
            "The agenda includes the disputed river island, water sharing and a rail link.",
            "disputed river island",
        ),
        (
            "Lund insisted that talks be held in Karsk, while Osei said they should be held "
            "abroad.",
            "talks be held in Karsk",
        ),
    ],
)
def test_a_friction_label_is_its_own_list_item_and_clause(sentence: str, issue: str) -> None:
    """A cue inside a list is about its own item; a contrasting 'while ...' clause is cut."""
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert labels[:1] == [issue], labels


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("Lund urged both leaders to agree on a ceasefire.", ["agree on a ceasefire"]),
        ("Osei rejected the criticism.", []),
        ("They discussed water rights, according to a joint statement.", ["water rights"]),
    ],
)
def test_topic_labels_leave_out_people_urged_sources_and_bare_criticism(
    sentence: str, topics: list[str]
) -> None:
    """The people urged, the source of a report and a bare 'the criticism' are not topics."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    assert [t.label for t in summary.agenda_topics] == topics


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("They covered a wide range of bilateral, regional and global issues.", []),
        ("Lund raised issues of mutual concern.", []),
        ("They exchanged views on measures that protect small farms.", ["measures that protect"]),
    ],
)
def test_labels_made_only_of_generic_words_are_no_topics(sentence: str, topics: list[str]) -> None:
    """Every word generic ('issues of mutual concern') says only that there were topics; a
    bare noun keeps the clause that says which ('measures that protect small farms')."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    labels = [t.label for t in summary.agenda_topics]
    assert len(labels) == len(topics), labels
    for label, expected in zip(labels, topics, strict=True):
        assert expected in label


def test_an_including_list_far_from_the_cue_is_not_its_issue() -> None:
    """'X was a grave threat to Karsk, Lund said, urging work in every forum including the
    council': the list is about the forums, not the threat."""
    sentence = (
        "Lund said the missile test was a grave threat to the region and that both would work "
        "together in every forum of the world, including the regional council."
    )
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert not any(label == "regional council" for label in labels), labels


@pytest.mark.parametrize(
    ("text", "attended"),
    [
        (
            "Leaders of the Delta Group wrapped up a summit in Karsk on Sunday. Chancellor Vera "
            "Holm said the summit had delivered.",
            {"Vera Holm"},
        ),
        (
            "The transport committee questioned rail chief Ana Santos on Tuesday about delays. "
            "Committee chair Tom Hale accused the company of hiding the figures.",
            {"Ana Santos", "Tom Hale"},
        ),
        (
            "The board of the rowing league met in Karsk on Friday. Club delegate Ivo Brandt "
            "walked out before the vote.",
            {"Ivo Brandt"},
        ),
        (
            "Managers of Orbis Steel met union leaders on Monday to discuss closing its Lindau "
            "works. Union negotiator Petra Kohl said the plan was unacceptable.",
            {"Petra Kohl"},
        ),
    ],
)
def test_bodies_groups_and_walkouts(text: str, attended: set[str]) -> None:
    """A leader quoted after 'Leaders of ... met', a committee's chair and the person it
    questions, someone who walked out of the meeting; a place naming a works is no person."""
    summary = summarize(text, published="2024-06-05")
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended
    assert "Lindau" not in {p.name for p in summary.participants}


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        (
            "Lund pushed for stricter rules on bycatch, a proposal Osei resisted.",
            ["stricter rules on bycatch"],
        ),
        (
            "Osei walked out before the vote, saying the guilds had not been consulted.",
            ["guilds had not been consulted"],
        ),
        (
            "Osei said the levy was unacceptable and called for a review of port fees.",
            ["levy", "review of port fees"],
        ),
    ],
)
def test_what_a_friction_is_about_when_its_cue_has_no_object(
    sentence: str, issues: list[str]
) -> None:
    """The thing a relative clause resisted, the reason a walkout gives, and one friction for
    each clause joined by 'and'."""
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert len(labels) == len(issues), labels
    for label, issue in zip(labels, issues, strict=True):
        assert issue in label, labels


def test_a_future_trip_announced_in_a_report_is_scheduled() -> None:
    """'will embark on a trip ..., the spokesperson said today': the trip's own verb decides."""
    text = "Minister Petra Lund will embark on a tour of the region next week, her office said."
    assert summarize(text, published="2024-06-05").meeting.status.value == "scheduled"


def test_a_list_that_ends_a_paragraph_is_read_whole() -> None:
    """The line break after a paragraph's last sentence belongs to that sentence: a list that
    runs to its end is still one list."""
    text = (
        "Minister Petra Lund met Governor Kofi Osei in Karsk.\n\n"
        "They are expected to discuss a ferry contract, visa rules and the reopening of "
        "consulates.\n\nThe deal includes a pay rise, limits on night shifts and a new "
        "safety board.\n\nNo date was set."
    )
    labels = [t.label for t in summarize(text).agenda_topics]
    expected = [
        "visa rules",
        "reopening of consulates",
        "limits on night shifts",
        "new safety board",
    ]
    assert all(any(item in label for label in labels) for item in expected), labels


def test_a_point_of_friction_is_on_the_agenda() -> None:
    """What the sides clashed over was discussed, whatever verb reports it."""
    summary = summarize(OPENING + "Lund and Osei clashed over the timber levy.")
    assert [t.label for t in summary.agenda_topics] == ["timber levy"]


def test_rejecting_the_criticism_just_made_is_the_same_friction() -> None:
    """'Osei rejected the criticism' answers the friction before it; it adds no other one."""
    text = OPENING + "Lund criticised the new port fees. Osei rejected the criticism."
    assert [friction.issue for friction in summarize(text).frictions] == ["new port fees"]


@pytest.mark.parametrize(
    ("text", "attended", "mentioned"),
    [
        (
            "The Prime Minister met the family of Ivo Brandt, the engineer held in Norland "
            "since May, in Karsk today.",
            set(),
            {"Ivo Brandt"},
        ),
        (
            "Minister Petra Lund held talks with the participation of Governor Kofi Osei.",
            {"Petra Lund", "Kofi Osei"},
            set(),
        ),
        (
            "The meeting between Minister Petra Lund and Osterish Vice Chairman Kofi Osei has "
            "been moved to a later date.",
            {"Petra Lund", "Kofi Osei"},
            set(),
        ),
    ],
)
def test_family_of_participation_of_and_a_people_before_a_title(
    text: str, attended: set[str], mentioned: set[str]
) -> None:
    """'the family of X' is not X; 'with the participation of X' is; a people's name before a
    title ('Osterish Vice Chairman') is not a person."""
    summary = summarize(text, published="2024-06-05")
    assert {p.name for p in summary.participants if p.presence == "attended"} == attended
    assert {p.name for p in summary.participants if p.presence == "mentioned"} == mentioned


@pytest.mark.parametrize(
    ("text", "status", "location"),
    [
        (
            "The meeting between Minister Lund and Governor Osei, scheduled for June 8 in "
            "Karsk, will now take place at a later date.",
            "cancelled",
            "Karsk",
        ),
        (
            "The Prime Minister met the family of Ivo Brandt, the engineer held in Norland "
            "since May, in Karsk today.",
            "held",
            "Karsk",
        ),
    ],
)
def test_a_later_date_is_no_date_and_someone_elses_place_is_not_the_meetings(
    text: str, status: str, location: str
) -> None:
    """Postponed to 'a later date' is cancelled; the participle of the meeting places it; the
    place and time of what happened to someone else do not."""
    meeting = summarize(text, published="2024-06-05").meeting
    assert (meeting.status.value, meeting.location) == (status, location)


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("Osei thanked Lund for her time and hospitality.", []),
        ("Lund expressed her intention to expand ferry links.", ["expand ferry links"]),
        ("They agreed to continue communication between their offices.", []),
    ],
)
def test_courtesies_and_intentions(sentence: str, topics: list[str]) -> None:
    """Thanks for time and hospitality, and continuing to talk, are no topics; an intention's
    object is."""
    summary = summarize("Minister Petra Lund met Governor Kofi Osei in Karsk. " + sentence)
    assert [t.label for t in summary.agenda_topics] == topics


def test_a_role_after_a_form_of_address() -> None:
    """'Mr. Ken Aso, Minister for Trade': the role is the office, not 'Mr.'."""
    summary = summarize("Mr. Ken Aso, Minister for Trade, met Governor Kofi Osei in Karsk.")
    roles = {p.name: p.role for p in summary.participants}
    assert roles["Ken Aso"] == "Minister for Trade"


def test_regret_and_urging_are_frictions() -> None:
    """Diplomatic disapproval: 'extremely regrettable', 'urging X to'."""
    sentence = "Lund said the court ruling was extremely regrettable, urging Osterland to act."
    assert summarize(OPENING + sentence).frictions


def test_a_council_that_was_held_is_the_meeting() -> None:
    """A body's session said with 'was held' is the meeting, with its place and day."""
    text = (
        "The Fifth Valdoria-Osterland Ministerial Council on Fisheries was held in Karsk on "
        "3 June 2024, co-chaired by Minister Petra Lund and Minister Kofi Osei."
    )
    meeting = summarize(text).meeting
    assert (meeting.status.value, meeting.location, meeting.date) == ("held", "Karsk", "2024-06-03")
