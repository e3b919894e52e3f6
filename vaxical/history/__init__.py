"""A calendar across its revisions: what each changed (as data, then in French), the
SEQUENCE and LAST-MODIFIED of every event, and the published build read back."""
