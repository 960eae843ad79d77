"""The rich-text features editors get, one list per kind of text, so every page offers the same."""

# Introductions and presentations: emphasis, links and lists.
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# A practice's own text (context, prerequisites, steps): the same, plus code for commands and paths.
PRACTICE_FEATURES = [*INTRO_FEATURES, "code"]
