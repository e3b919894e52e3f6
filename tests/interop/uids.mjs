// Mozilla's ical.js (the parser Thunderbird uses) as a long-lived reader: each feed comes
// on stdin as its length in octets, a newline and the feed; each gets one JSON line back,
// {"uids": [...]} (the UID of each VEVENT, in file order) or {"error": "..."}.
// One Node.js process serves a whole test module (tests/icaljs.py).
import ICAL from "ical.js";

function answer(feed) {
  try {
    const calendar = new ICAL.Component(ICAL.parse(feed));
    if (calendar.name !== "vcalendar") {
      return { error: `the file holds a ${calendar.name}, not a vcalendar` };
    }
    const events = calendar.getAllSubcomponents("vevent");
    return { uids: events.map((event) => event.getFirstPropertyValue("uid")) };
  } catch (error) {
    return { error: String(error) };
  }
}

let pending = Buffer.alloc(0);
process.stdin.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const newline = pending.indexOf(0x0a);
    if (newline < 0) return;
    const size = Number(pending.subarray(0, newline).toString("ascii"));
    const end = newline + 1 + size;
    if (pending.length < end) return;
    const feed = pending.subarray(newline + 1, end).toString("utf8");
    pending = pending.subarray(end);
    process.stdout.write(JSON.stringify(answer(feed)) + "\n");
  }
});
