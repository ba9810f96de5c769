"""Knowledge: the season's typed model, its YAML reader and the loader that validates it."""
