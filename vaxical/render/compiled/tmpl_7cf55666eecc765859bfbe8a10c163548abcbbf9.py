from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'list.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_calendars = resolve('calendars')
    pass
    yield '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Calendriers des portails de commande</title>\n<style>\n:root { --ink: #161616; --muted: #3a3a3a; --line: #8a8a8a; --open: #18753c; --closed: #a33600; --link: #000091; --focus: #0a76f6; }\nbody { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }\na { color: var(--link); }\na:focus { outline: 3px solid var(--focus); outline-offset: 2px; }\nheader, main { max-width: 72rem; margin: 0 auto; padding: 1rem; }\nheader { border-bottom: 4px solid var(--link); }\nh1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0; }\nul.calendars { list-style: none; padding: 0; }\nul.calendars li { border-bottom: 1px solid var(--line); padding: .75rem 0; }\nul.calendars a { font-weight: 700; font-size: 1.1rem; }\n.period, .next { margin: .2rem 0; color: var(--muted); }\n.next { color: var(--open); font-weight: 600; }\n.next.over, .suspended { color: var(--closed); font-weight: 600; }\n</style>\n</head>\n<body>\n<header>\n<h1>Calendriers des portails de commande</h1>\n<p>Choisissez un calendrier : sa page donne les sessions, les livraisons et les liens pour s\'abonner dans votre agenda.</p>\n</header>\n<main>\n<ul class="calendars">\n'
    for l_1_calendar in (undefined(name='calendars') if l_0_calendars is missing else l_0_calendars):
        _loop_vars = {}
        pass
        yield '<li data-timezone="'
        yield escape(environment.getattr(l_1_calendar, 'timezone'))
        yield '" data-open="'
        yield escape(environment.getattr(l_1_calendar, 'open_days'))
        yield '" data-last="'
        yield escape(environment.getattr(l_1_calendar, 'last_day'))
        yield '" data-suspended="'
        yield escape(environment.getattr(l_1_calendar, 'suspended_iso'))
        yield '">\n<a href="'
        yield escape(environment.getattr(l_1_calendar, 'page'))
        yield '">'
        yield escape(environment.getattr(l_1_calendar, 'name'))
        yield '</a>\n'
        if environment.getattr(l_1_calendar, 'period'):
            pass
            yield '<p class="period">Calendrier des sessions '
            yield escape(environment.getattr(l_1_calendar, 'period'))
            yield '.</p>\n'
        if environment.getattr(l_1_calendar, 'suspended'):
            pass
            yield '<p class="suspended">Portail de commande fermé jusqu\'à nouvel ordre depuis la session du '
            yield escape(environment.getattr(l_1_calendar, 'suspended'))
            yield '.</p>\n'
        yield '<p class="next" hidden></p>\n</li>\n'
    l_1_calendar = missing
    yield '</ul>\n</main>\n<script>\n/* Progressive enhancement: the next session of each calendar from the reader\'s clock\n   (the published file never depends on the day it was built), today taken in the\n   calendar\'s zone, as on its page. data-open holds the open sessions compactly: the\n   first one\'s day, then "offset.length" in base-36 days. */\n(function () {\n  var months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",\n    "septembre", "octobre", "novembre", "décembre"];\n  function pad(n) { return (n < 10 ? "0" : "") + n; }\n  function iso(d) { return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }\n  function day(d) { return d.getUTCDate() === 1 ? "1er" : String(d.getUTCDate()); }\n  function span(first, last) {\n    if (first.getUTCMonth() === last.getUTCMonth()) {\n      return day(first) + "-" + day(last) + " " + months[last.getUTCMonth()] + " " + last.getUTCFullYear();\n    }\n    return day(first) + " " + months[first.getUTCMonth()] + " – " + day(last) + " " +\n      months[last.getUTCMonth()] + " " + last.getUTCFullYear();\n  }\n  var now = new Date();\n'
    template = environment.get_template('today.html', 'list.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '  Array.prototype.forEach.call(document.querySelectorAll("ul.calendars li"), function (item) {\n    var today = todayIn(item.getAttribute("data-timezone"));\n    var box = item.querySelector(".next");\n    var suspended = item.getAttribute("data-suspended");\n    if (suspended && today >= suspended) { return; }\n    var parts = (item.getAttribute("data-open") || "").split(" ");\n    if (parts.length < 2) { return; }\n    var origin = Date.parse(parts[0] + "T00:00:00Z");\n    for (var i = 1; i < parts.length; i++) {\n      var pair = parts[i].split(".");\n      var first = new Date(origin + parseInt(pair[0], 36) * 864e5);\n      var last = new Date(first.getTime() + parseInt(pair[1], 36) * 864e5);\n      if (iso(last) >= today) {\n        box.textContent = "Prochaine session : " + span(first, last) + ".";\n        box.hidden = false;\n        return;\n      }\n    }\n    box.textContent = "Aucune session à venir publiée.";\n    box.classList.add("over");\n    box.hidden = false;\n  });\n})();\n</script>\n</body>\n</html>\n'

blocks = {}
debug_info = '30=13&31=17&32=25&33=29&34=32&36=34&37=37&63=42'