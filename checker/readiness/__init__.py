"""The readiness checklist: ``criteria`` loads the questions, ``answers`` reads and checks a
team's answers, ``scoring`` judges them, ``render`` puts the assessment into text, Markdown and
JSON."""
