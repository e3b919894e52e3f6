// Reads .ics files with Mozilla's ical.js, the parser Thunderbird uses, and prints what
// it understood as JSON: {file: {calendar: {...}, events: [...]}}.
// Times are computed from each file's own VTIMEZONE, as Thunderbird does: ical.js is
// given no other time zone data.
import ICAL from "ical.js";
import { readFileSync } from "node:fs";

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function moment(time) {
  // Local wall-clock value as written, and the UTC instant ical.js derives for it.
  return {
    local: time.toString(),
    utc: time.isDate ? null : time.toJSDate().toISOString().replace(".000Z", "Z"),
  };
}

const result = {};
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    if (!event.startDate.isDate && !ICAL.TimezoneService.has(event.startDate.zone.tzid)) {
      // ical.js would silently treat the time as floating (calendar-clients.md rule 1).
      throw new Error(`${file}: ${event.uid}: TZID without a VTIMEZONE in the file`);
    }
    const start = moment(event.startDate);
    const end = moment(event.endDate);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
      all_day: event.startDate.isDate,
      start: start.local,
      end: end.local,
      start_utc: start.utc,
      end_utc: end.utc,
      tzid: event.startDate.isDate ? null : event.startDate.zone.tzid,
      alarms: vevent.getAllSubcomponents("valarm").map((alarm) => text(alarm, "trigger")),
    };
  });
  result[file] = {
    calendar: {
      name: text(calendar, "name"),
      x_wr_calname: text(calendar, "x-wr-calname"),
      description: text(calendar, "description"),
      x_wr_caldesc: text(calendar, "x-wr-caldesc"),
    },
    events,
  };
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(text(vtimezone, "tzid"));
  }
}
process.stdout.write(JSON.stringify(result));
