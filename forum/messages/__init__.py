"""Private messages between members, screened like every other text, and blocks."""
