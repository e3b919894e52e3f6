"""From the rules to dated sessions and events: expansion, holidays, time zones, the
French the notices write, the events with their UIDs, and which feed holds which."""
