"""One recognizer per kind of identifier. Each exposes ``find(ctx) -> list[Hit]``."""
