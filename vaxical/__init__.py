"""vaxical: publish a rule-based public schedule as calendar feeds, JSON and HTML."""
