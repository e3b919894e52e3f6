from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_calendar = resolve('calendar')
    l_0_listed = resolve('listed')
    l_0_feed = l_0_date_label = l_0_state_label = l_0_delivery_label = l_0_confirmation_label = l_0_appointments_label = l_0_news_entry = l_0_weekdays = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_3 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_4 = environment.filters['upper']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'upper' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'name'))
    yield '</title>\n<meta name="description" content="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'description'))
    yield '">\n<style>\n:root { --ink: #161616; --muted: #3a3a3a; --line: #8a8a8a; --open: #18753c; --closed: #a33600; --link: #000091; --soft: #f4f4f7; --focus: #0a76f6; }\n* { box-sizing: border-box; }\nbody { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }\na { color: var(--link); }\na:focus, button:focus, input:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 2px; }\n.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n.skip { position: absolute; left: -999px; }\n.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }\nheader, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem; }\nheader { border-bottom: 4px solid var(--link); }\nh1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0; }\nh2 { font-size: 1.4rem; margin-top: 2rem; }\nh3 { font-size: 1.15rem; margin-top: 1.5rem; }\n.lead { color: var(--muted); max-width: 48rem; }\n.toc ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; }\n.next { border: 3px solid var(--open); padding: .5rem 1rem; margin: 1rem 0; background: #eef7f1; }\n.next p { margin: .25rem 0; }\n.next h2, .next h3 { margin: .5rem 0; }\n.next.over, .next.closed { border-color: var(--closed); background: #fdf1ec; }\n.period { font-weight: 600; margin: .25rem 0; }\n.suspended { border: 3px solid var(--closed); background: #fdf1ec; padding: .5rem 1rem; }\ntable { border-collapse: collapse; width: 100%; margin: 1rem 0; }\ncaption { text-align: left; font-weight: 700; padding: .5rem 0; }\nth, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }\nthead th { background: var(--soft); }\n.state-open { color: var(--open); font-weight: 700; }\n.state-closed { color: var(--closed); font-weight: 700; }\ntr.closed td { background: repeating-linear-gradient(135deg, #fff, #fff 6px, #f2f2f2 6px, #f2f2f2 12px); }\ntr.is-next th, tr.is-next td { background: #eef7f1; border-top: 3px solid var(--open); border-bottom: 3px solid var(--open); }\n.note { display: block; font-size: .9rem; color: var(--muted); }\n.news { border-left: 4px solid var(--link); background: var(--soft); padding: .5rem 1rem; }\n.news li { margin: .5rem 0; }\n.news table.schedule { background: #fff; }\n.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; list-style: none; }\n.months { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(15.5rem, 1fr)); }\ntable.month { margin: 0; table-layout: fixed; }\n.months .gap { margin: 0; align-self: center; font-style: italic; }\ntable.month th, table.month td { padding: .15rem; text-align: center; font-size: .85rem; height: 2.6rem; }\ntable.month thead th { height: auto; }\ntable.month td.next-day { outline: 3px solid var(--open); outline-offset: -3px; }\n.tag { display: inline-block; min-width: 1.15rem; margin: 1px; padding: 0 .15rem; border: 1px solid var(--ink); font-weight: 700; font-size: .75rem; line-height: 1.2; }\n.tag.open { background: #d7efdf; border-color: var(--open); color: #0d4a25; }\n.tag.closed { background: repeating-linear-gradient(135deg, #fff, #fff 3px, #ddd 3px, #ddd 5px); color: var(--ink); }\n.tag.delivery { background: #e3e3fd; border-style: dashed; border-color: var(--link); color: var(--link); }\n.tag.confirmation { background: #fff; border-style: dotted; color: var(--ink); }\n.tag.appointments { background: #fde8d7; border-style: double; border-width: 3px; color: #6b2a00; }\n.subscribe { border: 3px solid var(--link); padding: .25rem 1rem 1rem; margin: 1rem 0; }\n.subscribe > h2, .subscribe > h3 { margin-top: .5rem; }\n.clients { list-style: none; padding: 0; margin: .75rem 0; display: grid; gap: .75rem 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); }\n.clients p { margin: .2rem 0 0; font-size: .9rem; color: var(--muted); }\n.pair { display: flex; gap: .5rem; }\n.pair a { flex: 1; }\na.button { display: block; padding: .55rem .75rem; border: 2px solid var(--link); background: var(--link); color: #fff; font-weight: 700; text-align: center; text-decoration: none; }\na.button:hover { background: #fff; color: var(--link); }\n.address { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin: 1rem 0; }\n.address .url { flex: 1 1 16rem; margin: 0; }\n.qr { flex: none; width: 8.5rem; }\n.qr-block { flex: none; width: 13rem; }\n.qr-note { margin: .25rem 0 0; font-size: .85rem; color: var(--muted); }\n.qr-code { display: block; width: 100%; height: auto; background: #fff; shape-rendering: crispEdges; }\n.url .label { display: block; font-size: .9rem; }\n.url data { display: block; margin: .25rem 0; padding: .3rem .5rem; background: var(--soft); font: .9rem/1.4 ui-monospace, monospace; overflow-wrap: anywhere; }\n.copy { display: inline-block; padding: .4rem .8rem; border: 2px solid var(--link); font-weight: 600; font-size: 1rem; color: var(--link); background: #fff; cursor: pointer; }\n.copy:hover { background: var(--link); color: #fff; }\n.copied { font-size: .9rem; color: var(--open); }\n.steps dt { font-weight: 700; margin-top: .5rem; }\n.steps dd { margin: 0 0 0 1rem; }\n.feeds { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); }\n.feed { border: 1px solid var(--line); padding: 1rem; }\n.feed h3, .feed h4 { margin: 0 0 .25rem; font-size: 1.05rem; }\n.links { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .5rem 0; padding: 0; list-style: none; }\nsummary { cursor: pointer; font-weight: 600; color: var(--link); }\n.print-subscribe { display: none; }\ndetails { margin-top: .5rem; }\n@media (max-width: 40rem) {\n  thead.rows { position: absolute; left: -9999px; }\n  table.schedule, table.schedule caption, table.schedule tbody, table.schedule tr, table.schedule th, table.schedule td { display: block; width: 100%; }\n  table.schedule tr { border: 1px solid var(--line); margin-bottom: .75rem; }\n  table.schedule th, table.schedule td { border: 0; border-bottom: 1px solid #ddd; }\n  table.schedule tbody th { background: var(--soft); font-size: 1.05rem; }\n  table.schedule td::before { content: attr(data-label) " : "; font-weight: 600; }\n  table.schedule td:empty { display: none; }\n}\n@page { size: A4; margin: 12mm; }\n@media print {\n  .skip, .up, .toc, .next, .news, .rules, .monthview, .subscribe, .data, footer, script { display: none !important; }\n  .print-subscribe { display: flex; gap: 4mm; align-items: center; margin: 0 0 2mm; font-size: 9pt; }\n  .print-subscribe p { margin: 0; }\n  .print-subscribe .qr { width: 22mm; }\n  header, main { max-width: none; padding: 0; border: 0; }\n  h1 { font-size: 14pt; }\n  .lead { display: none; }\n  th, td { padding: .1rem .3rem; font-size: 9pt; }\n  tr.closed td { background: none; }\n}\n</style>\n</head>\n<body>\n<a class="skip" href="#contenu">Aller au contenu</a>\n<header>\n'
    if (undefined(name='listed') if l_0_listed is missing else l_0_listed):
        pass
        yield '<nav class="up" aria-label="Calendriers"><a href="index.html">Tous les calendriers</a></nav>\n'
    yield '<h1>'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'name'))
    yield '</h1>\n<p class="lead">'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'description'))
    yield '</p>\n'
    if environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'period'):
        pass
        yield '<p class="period">Calendrier des sessions '
        yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'period'))
        yield '.</p>\n'
    if environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'suspended'):
        pass
        yield '<p class="suspended"><strong>Portail de commande fermé jusqu\'à nouvel ordre</strong> depuis la session du '
        yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'suspended'))
        yield '.</p>\n'
    yield '</header>\n<main id="contenu">\n<section id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '" class="calendar" aria-label="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'name'))
    yield '" data-timezone="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'timezone'))
    yield '" data-first="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'first_day'))
    yield '" data-last="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'last_day'))
    yield '" data-suspended="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'suspended_iso'))
    yield '" data-last-session="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'last_session'))
    yield '" data-suspended-text="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'suspended'))
    yield '">\n<nav class="toc" aria-label="Sur cette page"><ul>\n<li><a href="#'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-abonnement">S\'abonner</a></li>\n<li><a href="#'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-calendrier">Calendrier</a></li>\n<li><a href="#'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-mois">Vue par mois</a></li>\n<li><a href="#'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-actualites">Actualités</a></li>\n<li><a href="#'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-regles">Les règles</a></li>\n</ul></nav>\n\n<div class="next" role="status" hidden>\n<h2 class="next-title">Prochaine session de commande</h2>\n<p class="next-text"></p>\n</div>\n\n<section class="subscribe" aria-labelledby="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-abonnement">\n'
    l_0_feed = environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'main_feed')
    context.vars['feed'] = l_0_feed
    context.exported_vars.add('feed')
    yield '<h2 id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-abonnement">S\'abonner</h2>\n<p>Ajoutez le calendrier à votre agenda : il se mettra à jour tout seul quand les dates changent. Choisissez votre agenda :</p>\n<ul class="clients" aria-label="S\'abonner à « '
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'name'))
    yield ' »">\n<li><a class="button" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'webcal'))
    yield '">iPhone, iPad, Mac</a>\n<p>Puis « S\'abonner ». Mises à jour : selon l\'actualisation réglée sur l\'appareil.</p></li>\n<li><a class="button" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'google'))
    yield '">Android, Google Agenda</a>\n<p>Puis « Ajouter », sur ordinateur (pas à pas ci-dessous). Mises à jour : en 4 à 24 heures, parfois plus.</p></li>\n<li><a class="button" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'webcal'))
    yield '">Outlook (ordinateur)</a>\n<p>Puis « Oui ». Mises à jour : '
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'refresh'))
    yield ' environ, comme le calendrier le demande.</p></li>\n<li><div class="pair"><a class="button" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'outlook_com'))
    yield '">Outlook.com</a><a class="button" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'microsoft_365'))
    yield '">Microsoft 365</a></div>\n<p>Puis « Importer ». Mises à jour : en 3 heures environ.</p></li>\n<li><a class="button" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'webcal'))
    yield '">Thunderbird</a>\n<p>Puis « S\'abonner » ; si rien ne s\'ouvre, pas à pas ci-dessous. Mises à jour : selon l\'actualisation de l\'agenda (30 minutes par défaut).</p></li>\n</ul>\n<div class="address">\n<p class="url"><span class="label">Adresse de l\'agenda, à copier dans votre agenda :</span>\n<data value="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'https'))
    yield '">'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'https'))
    yield '</data></p>\n<div class="qr-block"><div class="qr" role="img" aria-label="Code QR de cette page, pour s\'abonner depuis un téléphone">'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'qr'))
    yield '</div>\n<p class="qr-note">Sur un téléphone : scannez ce code pour ouvrir cette page, puis touchez le bouton de votre agenda.</p></div>\n</div>\n<details class="steps">\n<summary>Si le bouton ne suffit pas : pas à pas</summary>\n<dl>\n<dt>iPhone, iPad</dt>\n<dd>Réglages → Calendrier → Comptes → « Ajouter un compte » → « Autre » → « Ajouter un calendrier avec abonnement », collez l\'adresse ci-dessus.</dd>\n<dt>Mac</dt>\n<dd>Apple Calendrier : menu « Fichier » → « Nouvel abonnement à un calendrier », collez l\'adresse ; choisissez l\'actualisation automatique (toutes les heures ou tous les jours).</dd>\n<dt>Android, Google Agenda</dt>\n<dd>Google Agenda : sur ordinateur (ou dans le navigateur du téléphone, en version pour ordinateur), « Autres agendas » → « + » → « À partir de l\'URL », collez l\'adresse ci-dessus, puis « Ajouter un agenda ». Sur Android, l\'agenda apparaît ensuite dans l\'application ; sinon, activez sa synchronisation dans les paramètres de l\'application.</dd>\n<dt>Outlook (ordinateur)</dt>\n<dd>Calendrier → « Ajouter un calendrier » → « À partir d\'Internet », collez l\'adresse. Le nouvel Outlook pour Windows s\'abonne comme Outlook.com.</dd>\n<dt>Outlook.com, Microsoft 365</dt>\n<dd>Outlook : « Ajouter un calendrier » → « S\'abonner à partir du web », collez l\'adresse, puis « Importer ».</dd>\n<dt>Thunderbird</dt>\n<dd>Thunderbird : « Nouvel agenda » → « Sur le réseau », collez l\'adresse, « Rechercher des agendas », puis « S\'abonner ».</dd>\n</dl>\n<p>Le fichier seul, sans mise à jour automatique : <a href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'file'))
    yield '" download>télécharger '
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'file'))
    yield '</a> ('
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'events'))
    yield ' événements).</p>\n</details>\n<details class="others">\n<summary>Autres abonnements, pour une partie seulement : '
    l_1_loop = missing
    for l_1_other, l_1_loop in LoopContext(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'other_feeds'), undefined):
        _loop_vars = {}
        pass
        yield escape((t_2(environment.getattr(l_1_other, 'title')) if (not environment.getattr(l_1_loop, 'first')) else environment.getattr(l_1_other, 'title')))
        yield escape((', ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 177 in 'index.html' evaluated to false and no else section was defined.")))
    l_1_loop = l_1_other = missing
    yield '</summary>\n<p>Chacun reprend une partie du calendrier complet'
    if environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'reminders_offered'):
        pass
        yield ' (les rappels : ses sessions ouvertes)'
    yield '. Si vous êtes abonné à deux agendas qui ont les mêmes événements, votre agenda les affiche deux fois : choisissez l\'un ou l\'autre.</p>\n<ul class="feeds">\n'
    for l_1_feed in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'other_feeds'):
        _loop_vars = {}
        pass
        yield '<li class="feed">\n<h3>'
        yield escape(environment.getattr(l_1_feed, 'title'))
        yield '</h3>\n<p>'
        yield escape(environment.getattr(l_1_feed, 'purpose'))
        yield ' ('
        yield escape(environment.getattr(l_1_feed, 'events'))
        yield ' événements)</p>\n'
        if environment.getattr(l_1_feed, 'alarms'):
            pass
            yield '<p class="note">Les alarmes selon l\'agenda : Thunderbird les affiche, mais peut les répéter après chaque actualisation ; Apple Calendrier les supprime par défaut (décochez « Supprimer les alarmes » dans les réglages de l\'abonnement) ; Google Agenda et Outlook les ignorent dans les agendas abonnés : utilisez-y plutôt leurs notifications par défaut.</p>\n'
        yield '<ul class="links" aria-label="S\'abonner à « '
        yield escape(environment.getattr(l_1_feed, 'name'))
        yield ' »">\n<li><a href="'
        yield escape(environment.getattr(l_1_feed, 'webcal'))
        yield '">iPhone, iPad, Mac, Outlook (ordinateur), Thunderbird</a></li>\n<li><a href="'
        yield escape(environment.getattr(l_1_feed, 'google'))
        yield '">Android, Google Agenda</a></li>\n<li><a href="'
        yield escape(environment.getattr(l_1_feed, 'outlook_com'))
        yield '">Outlook.com</a></li>\n<li><a href="'
        yield escape(environment.getattr(l_1_feed, 'microsoft_365'))
        yield '">Microsoft 365</a></li>\n<li><a href="'
        yield escape(environment.getattr(l_1_feed, 'file'))
        yield '" download>Télécharger (.ics)</a></li>\n</ul>\n<p class="url"><span class="label">Adresse de l\'agenda (à copier) :</span>\n<data value="'
        yield escape(environment.getattr(l_1_feed, 'https'))
        yield '">'
        yield escape(environment.getattr(l_1_feed, 'https'))
        yield '</data></p>\n</li>\n'
    l_1_feed = missing
    yield '</ul>\n</details>\n</section>\n\n'
    (l_0_date_label, l_0_state_label, l_0_delivery_label, l_0_confirmation_label, l_0_appointments_label) = t_3(context, environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'headers'), 'e')
    context.vars.update({'appointments_label': l_0_appointments_label, 'confirmation_label': l_0_confirmation_label, 'date_label': l_0_date_label, 'delivery_label': l_0_delivery_label, 'state_label': l_0_state_label})
    context.exported_vars.update(('appointments_label', 'confirmation_label', 'date_label', 'delivery_label', 'state_label'))
    def macro(l_1_entry):
        t_5 = []
        if l_1_entry is missing:
            l_1_entry = undefined("parameter 'entry' was not provided", name='entry')
        pass
        t_5.extend((
            '<li><time datetime="',
            escape(environment.getattr(l_1_entry, 'iso_date')),
            '">',
            escape(environment.getattr(l_1_entry, 'date')),
            '</time> – <a href="',
            escape(environment.getattr(l_1_entry, 'url')),
            '">',
            escape(environment.getattr(l_1_entry, 'title')),
            '</a>',
        ))
        if environment.getattr(l_1_entry, 'summary'):
            pass
            t_5.extend((
                '<br>',
                escape(environment.getattr(l_1_entry, 'summary')),
            ))
        t_5.append(
            '\n',
        )
        if environment.getattr(l_1_entry, 'changes'):
            pass
            t_5.append(
                '<ul>\n',
            )
            for l_2_change in environment.getattr(l_1_entry, 'changes'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '<li>',
                    escape(l_2_change),
                    '</li>\n',
                ))
            l_2_change = missing
            t_5.append(
                '</ul>\n',
            )
        if environment.getattr(l_1_entry, 'more_changes'):
            pass
            t_5.extend((
                '<details class="more">\n<summary>Les ',
                escape(t_1(environment.getattr(l_1_entry, 'more_changes'))),
                ' autres changements</summary>\n<ul>\n',
            ))
            for l_2_change in environment.getattr(l_1_entry, 'more_changes'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '<li>',
                    escape(l_2_change),
                    '</li>\n',
                ))
            l_2_change = missing
            t_5.append(
                '</ul>\n</details>\n',
            )
        if environment.getattr(l_1_entry, 'rows'):
            pass
            t_5.extend((
                '<details class="printed">\n<summary>Les sessions telles que cet avis les a publiées (',
                escape(t_1(environment.getattr(l_1_entry, 'rows'))),
                ')</summary>\n<table class="schedule">\n<caption class="sr">Sessions publiées par cet avis</caption>\n<thead class="rows"><tr>',
            ))
            for l_2_header in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'headers'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '<th scope="col">',
                    escape(l_2_header),
                    '</th>',
                ))
            l_2_header = missing
            t_5.append(
                '</tr></thead>\n<tbody>\n',
            )
            pass
            t_6 = context.eval_ctx.save()
            context.eval_ctx.autoescape = False
            for l_3_row in environment.getattr(l_1_entry, 'rows'):
                _loop_vars = {}
                pass
                t_5.append(
                    '<tr class="',
                )
                if environment.getattr(l_3_row, 'is_open'):
                    pass
                    t_5.append(
                        'open',
                    )
                else:
                    pass
                    t_5.append(
                        'closed',
                    )
                t_5.extend((
                    '">\n<th scope="row" data-label="',
                    str((undefined(name='date_label') if l_0_date_label is missing else l_0_date_label)),
                    '">',
                    str(environment.getattr(l_3_row, 'dated')),
                    '</th>\n<td data-label="',
                    str((undefined(name='state_label') if l_0_state_label is missing else l_0_state_label)),
                    '">',
                    str(environment.getattr(l_3_row, 'state')),
                ))
                if environment.getattr(l_3_row, 'note'):
                    pass
                    t_5.extend((
                        '<span class="note">',
                        str(environment.getattr(l_3_row, 'note')),
                        '</span>',
                    ))
                t_5.extend((
                    '</td>\n<td data-label="',
                    str((undefined(name='delivery_label') if l_0_delivery_label is missing else l_0_delivery_label)),
                    '">',
                    str(environment.getattr(l_3_row, 'delivery')),
                    '</td>\n<td data-label="',
                    str((undefined(name='confirmation_label') if l_0_confirmation_label is missing else l_0_confirmation_label)),
                    '">',
                    str(environment.getattr(l_3_row, 'confirmation')),
                    '</td>\n<td data-label="',
                    str((undefined(name='appointments_label') if l_0_appointments_label is missing else l_0_appointments_label)),
                    '">',
                    str(environment.getattr(l_3_row, 'appointments')),
                    '</td>\n</tr>\n',
                ))
            l_3_row = missing
            context.eval_ctx.revert(t_6)
            t_5.append(
                '</tbody>\n</table>\n</details>\n',
            )
        t_5.append(
            '</li>\n',
        )
        return concat(t_5)
    context.exported_vars.add('news_entry')
    context.vars['news_entry'] = l_0_news_entry = Macro(environment, macro, 'news_entry', ('entry',), False, False, False, context.eval_ctx.autoescape)
    yield '<section class="news" aria-labelledby="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-actualites">\n<h2 id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-actualites">Actualités</h2>\n<ul>\n'
    for l_1_entry in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'news'):
        _loop_vars = {}
        pass
        yield escape(context.call((undefined(name='news_entry') if l_0_news_entry is missing else l_0_news_entry), l_1_entry, _loop_vars=_loop_vars))
    l_1_entry = missing
    yield '</ul>\n'
    if environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'older_news'):
        pass
        yield '<details class="older">\n<summary>Actualités précédentes ('
        yield escape(t_1(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'older_news')))
        yield ')</summary>\n<ul>\n'
        for l_1_entry in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'older_news'):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='news_entry') if l_0_news_entry is missing else l_0_news_entry), l_1_entry, _loop_vars=_loop_vars))
        l_1_entry = missing
        yield '</ul>\n</details>\n'
    yield '<p>Suivre les actualités dans un lecteur de flux : <a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'atom'))
    yield '">flux Atom</a>.</p>\n</section>\n\n<div class="print-subscribe">\n<div class="qr" role="img" aria-label="Code QR de la page d\'abonnement">'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'qr'))
    yield "</div>\n<p>S'abonner dans votre agenda : scannez le code avec un téléphone (il ouvre la page d'abonnement), ou saisissez l'adresse<br>"
    yield escape(environment.getattr(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'main_feed'), 'https'))
    yield '</p>\n</div>\n\n<section aria-labelledby="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-calendrier">\n<h2 id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-calendrier">'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'table_title'))
    yield '</h2>\n'
    for l_1_year in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'years'):
        _loop_vars = {}
        pass
        yield '<table class="schedule">\n<caption>Sessions de commande '
        yield escape(environment.getattr(l_1_year, 'year'))
        yield '</caption>\n<thead class="rows"><tr>'
        for l_2_header in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'headers'):
            _loop_vars = {}
            pass
            yield '<th scope="col">'
            yield escape(l_2_header)
            yield '</th>'
        l_2_header = missing
        yield '</tr></thead>\n<tbody>\n'
        pass
        t_7 = context.eval_ctx.save()
        context.eval_ctx.autoescape = False
        for l_3_row in environment.getattr(l_1_year, 'rows'):
            _loop_vars = {}
            pass
            yield '<tr class="'
            if environment.getattr(l_3_row, 'is_open'):
                pass
                yield 'open'
            else:
                pass
                yield 'closed'
            yield '" data-first="'
            yield str(environment.getattr(l_3_row, 'first_day'))
            yield '" data-last="'
            yield str(environment.getattr(l_3_row, 'last_day'))
            yield '"'
            if environment.getattr(l_3_row, 'closes'):
                pass
                yield ' data-opens="'
                yield str(environment.getattr(l_3_row, 'opens'))
                yield '" data-closes="'
                yield str(environment.getattr(l_3_row, 'closes'))
                yield '"'
            yield ' data-open="'
            if environment.getattr(l_3_row, 'is_open'):
                pass
                yield 'true'
            else:
                pass
                yield 'false'
            yield '">\n<th scope="row" data-label="'
            yield str((undefined(name='date_label') if l_0_date_label is missing else l_0_date_label))
            yield '">'
            yield str(environment.getattr(l_3_row, 'dates'))
            yield '</th>\n<td data-label="'
            yield str((undefined(name='state_label') if l_0_state_label is missing else l_0_state_label))
            yield '"><span class="'
            if environment.getattr(l_3_row, 'is_open'):
                pass
                yield 'state-open'
            else:
                pass
                yield 'state-closed'
            yield '">'
            yield str(environment.getattr(l_3_row, 'state'))
            yield '</span>'
            if environment.getattr(l_3_row, 'note'):
                pass
                yield '<span class="note">'
                yield str(environment.getattr(l_3_row, 'note'))
                yield '</span>'
            yield '</td>\n<td data-label="'
            yield str((undefined(name='delivery_label') if l_0_delivery_label is missing else l_0_delivery_label))
            yield '">'
            yield str(environment.getattr(l_3_row, 'delivery'))
            yield '</td>\n<td data-label="'
            yield str((undefined(name='confirmation_label') if l_0_confirmation_label is missing else l_0_confirmation_label))
            yield '">'
            yield str(environment.getattr(l_3_row, 'confirmation'))
            yield '</td>\n<td data-label="'
            yield str((undefined(name='appointments_label') if l_0_appointments_label is missing else l_0_appointments_label))
            yield '">'
            yield str(environment.getattr(l_3_row, 'appointments'))
            yield '</td>\n</tr>\n'
        l_3_row = missing
        context.eval_ctx.revert(t_7)
        yield '</tbody>\n</table>\n'
    l_1_year = missing
    yield '<p>'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'open_sessions'))
    yield ' sessions ouvertes, '
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'closed_sessions'))
    yield ' fermées. Règles mises à jour le '
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'revised'))
    yield '. Heures : '
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'timezone'))
    yield '. Passer commande : <a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'portal_url'))
    yield '">outil de commande</a>.</p>\n</section>\n\n<section class="monthview" aria-labelledby="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-mois">\n<h2 id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-mois">Vue par mois</h2>\n<ul class="legend" aria-label="Légende">\n'
    for l_1_mark in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'marks'):
        _loop_vars = {}
        pass
        yield '<li><span class="tag '
        yield escape(environment.getattr(l_1_mark, 'key'))
        yield '" aria-hidden="true">'
        yield escape(environment.getattr(l_1_mark, 'letter'))
        yield '</span> '
        yield escape(environment.getattr(l_1_mark, 'label'))
        yield '</li>\n'
    l_1_mark = missing
    yield '</ul>\n<div class="months">\n'
    t_8 = []
    pass
    t_8.append(
        '<thead><tr>',
    )
    for l_2_day in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'weekdays'):
        _loop_vars = {}
        pass
        t_8.extend((
            '<th scope="col"><abbr title="',
            escape(l_2_day),
            '">',
            escape(t_4(environment.getitem(l_2_day, 0))),
            '</abbr></th>',
        ))
    l_2_day = missing
    t_8.append(
        '</tr></thead>',
    )
    l_0_weekdays = (Markup if context.eval_ctx.autoescape else identity)(concat(t_8))
    context.vars['weekdays'] = l_0_weekdays
    context.exported_vars.add('weekdays')
    for l_1_month in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'months'):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_month, 'gap'):
            pass
            yield '<p class="gap">'
            yield escape(environment.getattr(l_1_month, 'gap'))
            yield '</p>\n'
        else:
            pass
            yield '<table class="month">\n<caption>'
            yield escape(environment.getattr(l_1_month, 'title'))
            yield '</caption>\n'
            yield escape((undefined(name='weekdays') if l_0_weekdays is missing else l_0_weekdays))
            yield '\n<tbody>\n'
            pass
            t_9 = context.eval_ctx.save()
            context.eval_ctx.autoescape = False
            for l_3_week in environment.getattr(l_1_month, 'weeks'):
                _loop_vars = {}
                pass
                yield '<tr>'
                for (l_4_iso, l_4_number, l_4_marks, l_4_label) in l_3_week:
                    _loop_vars = {}
                    pass
                    if l_4_iso:
                        pass
                        yield '<td data-day="'
                        yield str(l_4_iso)
                        yield '"><span aria-hidden="true">'
                        yield str(l_4_number)
                        if l_4_marks:
                            pass
                            yield '<br>'
                            for (l_5_key, l_5_letter) in l_4_marks:
                                _loop_vars = {}
                                pass
                                yield '<span class="tag '
                                yield str(l_5_key)
                                yield '">'
                                yield str(l_5_letter)
                                yield '</span>'
                            l_5_key = l_5_letter = missing
                        yield '</span><span class="sr">'
                        yield str(l_4_label)
                        yield '</span></td>'
                    else:
                        pass
                        yield '<td></td>'
                l_4_iso = l_4_number = l_4_marks = l_4_label = missing
                yield '</tr>\n'
            l_3_week = missing
            context.eval_ctx.revert(t_9)
            yield '</tbody>\n</table>\n'
    l_1_month = missing
    yield '</div>\n</section>\n\n<section class="rules" aria-labelledby="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-regles">\n<h2 id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-regles">Les règles</h2>\n<ul>\n'
    for l_1_sentence in environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'rules'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(l_1_sentence)
        yield '</li>\n'
    l_1_sentence = missing
    yield '</ul>\n</section>\n\n<div class="data">\n<h2 id="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'id'))
    yield '-donnees">Pour les tableurs et les logiciels</h2>\n<ul>\n<li><a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'json'))
    yield '">Le calendrier au format JSON</a> : sessions et événements, tels que les agendas les reçoivent.</li>\n<li><a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'spreadsheet'))
    yield '">Les sessions pour un tableur</a> (Excel, LibreOffice, Numbers : une ligne par session).</li>\n<li><a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'csv'))
    yield '">Les sessions au format CSV</a> (UTF-8, séparateur virgule), pour un logiciel.</li>\n<li><a href="'
    yield escape(environment.getattr((undefined(name='calendar') if l_0_calendar is missing else l_0_calendar), 'catalog'))
    yield '">La liste des calendriers</a> (JSON) et les adresses de leurs fichiers.</li>\n</ul>\n</div>\n</section>\n</main>\n<footer>\n<p>Dates indicatives, sauf exception : la date de livraison prévisionnelle de chaque commande figure dans sa confirmation.</p>\n</footer>\n<script>\n/* Progressive enhancement only: without JavaScript the page shows everything. The next\n   session is computed here, from the viewer\'s clock, so the published file never depends\n   on the day it was built. The session\'s days are the calendar\'s: today is taken in its\n   zone, not the viewer\'s (in Martinique on Tuesday evening, Paris\'s session is over). */\n(function () {\n  function pad(n) { return (n < 10 ? "0" : "") + n; }\n  var now = new Date();\n'
    template = environment.get_template('today.html', 'index.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'appointments_label': l_0_appointments_label, 'confirmation_label': l_0_confirmation_label, 'date_label': l_0_date_label, 'delivery_label': l_0_delivery_label, 'feed': l_0_feed, 'news_entry': l_0_news_entry, 'state_label': l_0_state_label, 'weekdays': l_0_weekdays}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '  Array.prototype.forEach.call(document.querySelectorAll("section.calendar"), function (section) {\n    var today = todayIn(section.getAttribute("data-timezone"));\n    var box = section.querySelector(".next");\n    function show(title, text, state) {\n      box.querySelector(".next-title").textContent = title;\n      box.querySelector(".next-text").textContent = text;\n      if (state) { box.classList.add(state); }\n      box.hidden = false;\n    }\n    var suspended = section.getAttribute("data-suspended");\n    if (suspended && today >= suspended) {\n      show("Portail de commande fermé", "Le portail de commande est fermé jusqu\'à nouvel ordre " +\n        "depuis la session du " + section.getAttribute("data-suspended-text") + ".", "closed");\n      // The header\'s line says the same without JavaScript: one box, not two (a\n      // publisher\'s trial found both filling a phone\'s first screen).\n      var said = document.querySelector("header .suspended");\n      if (said) { said.hidden = true; }\n      return;\n    }\n    // A session is over once its portal closes (23:00 on its last day, say) and under\n    // way once it opens: instants with their offset, compared with the reader\'s clock;\n    // by the calendar\'s days when the rules give no hours.\n    function over(row) {\n      var closes = row.getAttribute("data-closes");\n      return closes ? now.getTime() >= Date.parse(closes) : row.getAttribute("data-last") < today;\n    }\n    function begun(row) {\n      var opens = row.getAttribute("data-opens");\n      return opens ? now.getTime() >= Date.parse(opens) : row.getAttribute("data-first") <= today;\n    }\n    var rows = section.querySelectorAll("tr[data-open=\'true\']");\n    var next = null;\n    for (var i = 0; i < rows.length; i++) {\n      if (!over(rows[i])) { next = rows[i]; break; }\n    }\n    if (!next) {\n      // Every open session is over: from the last one\'s closing, not its day\'s end (a\n      // review found the box gone for that hour).\n      if (rows.length && over(rows[rows.length - 1])) {\n        // The calendar lives on: the next notice extends it, here and in every agenda\n        // subscribed to it (a publisher\'s trial read « terminé » as another calendar to\n        // look for).\n        show("Aucune session à venir publiée", "La dernière session publiée est celle du " +\n          section.getAttribute("data-last-session") + ". Les suivantes paraîtront ici, et " +\n          "dans votre agenda si vous y êtes abonné, dès qu\'un avis les annoncera.", "over");\n      }\n      return;\n    }\n    next.classList.add("is-next");\n    var cells = next.querySelectorAll("th, td");\n    var text = "Session " + cells[0].textContent + "." +\n      (cells[2].textContent ? " Livraison indicative : " + cells[2].textContent + "." : "") +\n      (cells[3].textContent ? " Confirmation de commande : " + cells[3].textContent + "." : "");\n    show(begun(next) ? "Session de commande en cours" : "Prochaine session de commande", text, "");\n    var first = next.getAttribute("data-first"), last = next.getAttribute("data-last");\n    Array.prototype.forEach.call(section.querySelectorAll("td[data-day]"), function (cell) {\n      var day = cell.getAttribute("data-day");\n      if (day >= first && day <= last) { cell.classList.add("next-day"); }\n    });\n  });\n  Array.prototype.forEach.call(document.querySelectorAll("p.url"), function (paragraph) {\n    var address = paragraph.querySelector("data");\n    var button = document.createElement("button");\n    var status = document.createElement("span");\n    button.type = "button";\n    button.className = "copy";\n    button.textContent = "Copier l\'adresse";\n    status.className = "copied";\n    status.setAttribute("role", "status");\n    button.addEventListener("click", function () {\n      function done() { status.textContent = " Adresse copiée."; }\n      function fallback() {\n        var range = document.createRange();\n        range.selectNodeContents(address);\n        var selection = window.getSelection();\n        selection.removeAllRanges();\n        selection.addRange(range);\n        document.execCommand("copy");\n        done();\n      }\n      if (navigator.clipboard && navigator.clipboard.writeText) {\n        navigator.clipboard.writeText(address.value).then(done, fallback);\n      } else { fallback(); }\n    });\n    paragraph.appendChild(button);\n    paragraph.appendChild(status);\n  });\n})();\n</script>\n</body>\n</html>\n'

blocks = {}
debug_info = '6=39&7=41&109=43&112=47&113=49&114=51&115=54&117=56&118=59&122=62&124=78&125=80&126=82&127=84&128=86&136=88&137=90&138=94&140=96&141=98&143=100&145=102&146=104&147=106&149=110&154=112&155=116&174=118&177=125&178=132&180=136&182=140&183=142&184=146&187=150&188=152&189=154&190=156&191=158&192=160&195=162&204=168&207=171&208=178&209=196&211=201&212=206&216=213&218=217&220=220&221=225&226=232&228=236&231=239&235=254&236=260&237=272&238=276&239=289&240=293&241=297&251=314&252=316&254=318&255=321&258=324&260=327&262=329&263=332&268=336&272=338&273=340&276=342&277=344&278=348&280=352&281=354&285=365&286=369&287=395&288=399&289=416&290=420&291=424&298=433&301=443&302=445&304=447&305=451&310=464&311=481&312=484&313=487&316=492&317=494&323=499&324=503&334=537&335=539&337=541&338=545&344=549&346=551&347=553&348=555&349=557&365=559'