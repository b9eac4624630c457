"""Replacement board: offers, availabilities, matching and the rules' reminders."""
