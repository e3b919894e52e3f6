"""The page templates compiled by Jinja2 (``make templates``, generated: do not edit).
vaxical.render.site uses them when manifest.json matches the templates and Jinja2."""
