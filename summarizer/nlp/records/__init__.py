"""Reading a meeting's own record (a transcript's turns, the lists of minutes): who spoke and
who was present, the agenda the discussion moved through, who challenged whom, and what was
decided. The prose rules (`summarizer.nlp.reading`) read reports about meetings instead."""
