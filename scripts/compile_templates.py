"""``make templates``: compile the page templates with Jinja2 into vaxical/render/compiled/
(generated files, committed; tests/test_templates_compiled.py fails when they are stale)."""

from __future__ import annotations

from vaxical.render.site import COMPILED, compile_templates

if __name__ == "__main__":
    for stale in COMPILED.glob("tmpl_*.py"):
        stale.unlink()
    compile_templates(COMPILED)
    print(f"compiled templates written to {COMPILED}")
