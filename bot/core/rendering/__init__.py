"""Rendering: the neutral reply turned into Discord message JSON within Discord's limits."""
