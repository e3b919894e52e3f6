"""Jinja2 templates of the static site; installed as the vaxical.templates package."""
