from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'retired.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_calendar = resolve('calendar')
    pass
    yield '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'name'))
    yield ' : n\'est plus publié</title>\n<meta name="description" content="Ce calendrier n\'est plus publié.">\n<style>\n:root { --ink: #161616; --muted: #3a3a3a; --closed: #a33600; --link: #000091; --focus: #0a76f6; }\nbody { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }\na { color: var(--link); }\na:focus { outline: 3px solid var(--focus); outline-offset: 2px; }\nheader, main { max-width: 48rem; margin: 0 auto; padding: 1rem; }\nheader { border-bottom: 4px solid var(--link); }\nh1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0; }\n.retired { border: 3px solid var(--closed); background: #fdf1ec; padding: .5rem 1rem; }\n</style>\n</head>\n<body>\n<header>\n<h1>'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'name'))
    yield '</h1>\n</header>\n<main>\n<p class="retired"><strong>Ce calendrier n\'est plus publié.</strong></p>\n<p>Ses adresses d\'abonnement restent en ligne, mais sans aucun événement : votre agenda (Outlook, Google Agenda, Calendrier d\'Apple, Thunderbird…) retire ses sessions, livraisons et rendez-vous à sa prochaine actualisation. Vous pouvez ensuite supprimer l\'abonnement.</p>\n<p><a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'list'))
    yield '">Les calendriers publiés</a></p>\n</main>\n</body>\n</html>\n'

blocks = {}
debug_info = '6=13&21=15&26=17'