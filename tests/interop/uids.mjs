// Mozilla's ical.js (the parser Thunderbird uses) as a long-lived reader: each feed comes
// on stdin as its length in octets, a newline and the feed; each gets one JSON line back,
// {"uids": [...]} (the UID of each VEVENT, in file order) or {"error": "..."}.
// One Node.js process serves a whole test module (tests/icaljs.py).
import ICAL from "ical.js";

// ical.js reads a value only when asked for it: every value of every property is asked
// for, so that a malformed one (a TRIGGER, a TZOFFSETFROM, a date) refuses the feed as
// python-icalendar, which reads every value as it parses, refuses it.
function readValues(component) {
  for (const property of component.getAllProperties()) {
    property.getValues();
  }
  component.getAllSubcomponents().forEach(readValues);
}

function answer(feed) {
  try {
    const calendar = new ICAL.Component(ICAL.parse(feed));
    if (calendar.name !== "vcalendar") {
      return { error: `the file holds a ${calendar.name}, not a vcalendar` };
    }
    readValues(calendar);
    const events = calendar.getAllSubcomponents("vevent");
    return { uids: events.map((event) => event.getFirstPropertyValue("uid")) };
  } catch (error) {
    return { error: String(error) };
  }
}

// The input arrives in chunks: kept until a whole frame is there, then joined once.
let chunks = [];
let buffered = 0;
let size = null; // the octets of the feed being read, once its length line is in

function frames() {
  for (;;) {
    let pending = Buffer.concat(chunks, buffered);
    if (size === null) {
      const newline = pending.indexOf(0x0a);
      if (newline < 0) return;
      size = Number(pending.subarray(0, newline).toString("ascii"));
      pending = pending.subarray(newline + 1);
    }
    chunks = [pending];
    buffered = pending.length;
    if (buffered < size) return;
    const feed = pending.subarray(0, size).toString("utf8");
    chunks = [pending.subarray(size)];
    buffered -= size;
    size = null;
    process.stdout.write(JSON.stringify(answer(feed)) + "\n");
  }
}

process.stdin.on("data", (chunk) => {
  chunks.push(chunk);
  buffered += chunk.length;
  if (size === null || buffered >= size) frames();
});
