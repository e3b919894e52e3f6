// A peer in `make bench`: Node's ical-generator (pinned in package.json, test-only).
// `node bench/peer-ical-generator.mjs OUTDIR EVENTS.json...`: one calendar of all the
// events of each vaxical <id>.json, written as OUTDIR/<id>.ics, as bench/peers.py does.
import { readFileSync, writeFileSync } from "node:fs";
import ical from "ical-generator";

const [folder, ...sources] = process.argv.slice(2);

function seconds(text) {
  // PT9H, P1DT9H, -PT15H → seconds
  const match = /^(-?)P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(text);
  const sign = match[1] ? -1 : 1;
  const [days, hours, minutes] = [match[2], match[3], match[4]].map((v) => Number(v || 0));
  return sign * (days * 86400 + hours * 3600 + minutes * 60);
}

for (const source of sources) {
  const document = JSON.parse(readFileSync(source, "utf-8"));
  const zone = document.calendar.timezone;
  const calendar = ical({ prodId: "//vaxical//vaxical//FR", name: document.calendar.name });
  for (const item of document.events) {
    const event = calendar.createEvent({
      id: item.uid,
      start: new Date(item.all_day ? item.start + "T00:00:00Z" : item.start_utc),
      end: new Date(item.all_day ? item.end + "T00:00:00Z" : item.end_utc),
      allDay: item.all_day,
      timezone: item.all_day ? null : zone,
      summary: item.summary,
      description: item.description,
      stamp: new Date(item.last_modified),
      lastModified: new Date(item.last_modified),
      sequence: item.sequence,
      categories: [{ name: item.category }],
      transparency: "TRANSPARENT",
      x: [["X-MICROSOFT-CDO-BUSYSTATUS", "FREE"]],
    });
    for (const alarm of item.alarms) {
      const offset = seconds(alarm.trigger);
      event.createAlarm({
        type: "display",
        description: alarm.text,
        ...(offset >= 0 ? { triggerAfter: offset } : { triggerBefore: -offset }),
      });
    }
  }
  writeFileSync(`${folder}/${document.calendar.id}.ics`, calendar.toString());
}
