"""An invented committee session, written out in every layout a meeting's record comes in:
speaker-labelled text, WebVTT, SRT, a JSON list of turns and WhisperX segments."""

from __future__ import annotations

import json

# (speaker label, words): a chair, three members, two witnesses; three subjects announced by the
# chair; one member presses a witness; an apology; a person referred to; an undertaking.
TURNS: list[tuple[str, str]] = [
    (
        "Mara Quill MS",
        "Good morning and welcome to the Rural Affairs Committee. We have received apologies "
        "from Tobias Fenwick MS. Item 1 this morning is an evidence session on the future of "
        "rural bus services. I'm pleased to welcome Dr Ines Harrow, director of transport at "
        "Carrow council, and Owen Pell, chief executive of the Valley Bus Company. The first "
        "questions are from Rhodri Vance on bus timetables.",
    ),
    (
        "Rhodri Vance MS",
        "Thank you, Chair. Passengers tell us that bus timetables in the valleys change without "
        "notice and that the evening timetables have been cut. How are timetables planned?",
    ),
    (
        "Dr Ines Harrow",
        "Timetables are planned with the operators every spring. The evening timetables were "
        "cut because passenger numbers on those routes fell, and the timetables now run hourly.",
    ),
    (
        "Rhodri Vance MS",
        "Are hourly timetables enough for shift workers who need a bus after ten at night? "
        "Surely the timetables should follow the shifts at the hospital.",
    ),
    (
        "Owen Pell",
        "We are looking at later timetables on the hospital route, and we will publish new "
        "timetables in the autumn.",
    ),
    (
        "Mara Quill MS",
        "Thank you. We'll move on now to questions on fares and concessionary passes from "
        "Lena Dorsey.",
    ),
    (
        "Lena Dorsey MS",
        "Fares in rural areas are higher than in the cities, and the concessionary passes for "
        "young people end at nineteen. I don't accept that the fares are fair. With respect, "
        "isn't it the case that fares rose twice this year while the subsidy grew?",
    ),
    (
        "Owen Pell",
        "The fares rose because fuel costs rose. The subsidy covers concessionary passes, not "
        "fares, and fares are set by the company, not by the council.",
    ),
    (
        "Lena Dorsey MS",
        "So passengers pay higher fares and the concessionary passes stop at nineteen. Will you "
        "commit to freezing fares next year?",
    ),
    (
        "Owen Pell",
        "I cannot commit to freezing fares, but I'll write to the committee with the figures "
        "on fares and fuel costs by Friday.",
    ),
    (
        "Mara Quill MS",
        "Thank you. Finally, questions on electric buses and charging depots from Cai Morrow.",
    ),
    (
        "Cai Morrow MS",
        "The council plans electric buses for the valley routes. How many charging depots will "
        "the electric buses need, and who pays for the charging depots?",
    ),
    (
        "Dr Ines Harrow",
        "Electric buses need two charging depots, one in each valley. The charging depots are "
        "paid for by the council with a grant, and the first electric buses arrive next year.",
    ),
    (
        "Cai Morrow MS",
        "Will the electric buses manage the hills in winter, and will the charging depots be "
        "ready before the electric buses arrive?",
    ),
    (
        "Dr Ines Harrow",
        "The electric buses were tested on the hills last winter, and the charging depots open "
        "in the spring, before the electric buses arrive. As Minister Alys Brook said last "
        "month, the grant is secure.",
    ),
    (
        "Mara Quill MS",
        "Thank you both for your evidence this morning. The committee agreed to write to the "
        "Minister about the concessionary passes.",
    ),
]
SPEAKERS = ["Mara Quill", "Rhodri Vance", "Ines Harrow", "Owen Pell", "Lena Dorsey", "Cai Morrow"]


def speaker_text() -> str:
    return "\n\n".join(f"{speaker}: {words}" for speaker, words in TURNS) + "\n"


def _stamp(seconds: float, comma: bool = False) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, whole = divmod(rest, 60)
    millis = round((seconds - int(seconds)) * 1000)
    separator = "," if comma else "."
    return f"{hours:02}:{minutes:02}:{whole:02}{separator}{millis:03}"


def _times() -> list[tuple[float, float]]:
    at, spans = 0.0, []
    for _, words in TURNS:
        length = len(words.split()) * 0.4
        spans.append((at, at + length))
        at += length + 0.5
    return spans


def webvtt() -> str:
    """Voice tags on some cues, a 'Name:' prefix on the others, cue settings and a NOTE."""
    blocks = ["WEBVTT", "NOTE recorded in the committee room"]
    for number, ((speaker, words), (start, end)) in enumerate(zip(TURNS, _times(), strict=True)):
        timing = f"{_stamp(start)} --> {_stamp(end)}" + (" align:start" if number % 3 else "")
        cue = f"<v {speaker}>{words}</v>" if number % 2 else f"{speaker}: {words}"
        blocks.append(f"{number + 1}\n{timing}\n{cue}")
    return "\n\n".join(blocks) + "\n"


def srt() -> str:
    blocks = []
    for number, ((speaker, words), (start, end)) in enumerate(zip(TURNS, _times(), strict=True)):
        timing = f"{_stamp(start, comma=True)} --> {_stamp(end, comma=True)}"
        blocks.append(f"{number + 1}\n{timing}\n{speaker}: {words}")
    return "\n\n".join(blocks) + "\n"


def turns_json() -> str:
    turns = [
        {"speaker": speaker, "text": words, "start": start, "end": end}
        for (speaker, words), (start, end) in zip(TURNS, _times(), strict=True)
    ]
    return json.dumps(turns, ensure_ascii=False, indent=1)


def whisperx_json() -> str:
    """Each turn cut in two segments, as a diarizing speech-to-text tool writes them."""
    segments = []
    for (speaker, words), (start, end) in zip(TURNS, _times(), strict=True):
        half = len(words.split()) // 2
        first, second = " ".join(words.split()[:half]), " ".join(words.split()[half:])
        middle = (start + end) / 2
        segments.append({"start": start, "end": middle, "text": f" {first}", "speaker": speaker})
        segments.append({"start": middle, "end": end, "text": f" {second}", "speaker": speaker})
    return json.dumps({"segments": segments, "language": "en"})
