"""Answering: the declared kinds of question, deciding what to say, building the neutral reply."""
