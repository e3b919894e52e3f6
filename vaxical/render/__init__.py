"""Pure renderers, values in and bytes out: the feeds, JSON, CSV, Atom, the page, the
table, the static host's headers and the publisher's advice."""
