// Runs Concur's HS4 vendor kit (a Postman collection) with Newman's library against a
// supplier, records every exchange as a HAR 1.2 file and what the kit's scripts print
// (console.error / console.warn) per exchange. Used by scripts/kit-compare.sh.
//
//   node kit-compare.js run KIT_DIR BASE_URL USER PASSWORD OUT_DIR
//   node kit-compare.js compare OUT_DIR OTALINT_JSON
"use strict";

const fs = require("fs");
const path = require("path");

function run(kit, baseUrl, user, password, out) {
  const newman = require("newman");
  const collection = JSON.parse(
    fs.readFileSync(path.join(kit, "postman/vendor-tests.postman_collection.json"), "utf8"));
  // The kit leaves authentication to its user ("username / password for authentication",
  // its README): Basic, as Concur calls a supplier.
  collection.auth = {
    type: "basic",
    basic: [
      { key: "username", value: "{{username}}", type: "string" },
      { key: "password", value: "{{password}}", type: "string" },
    ],
  };
  const environment = path.join(kit, "postman/vendor-env.postman_environment.json");
  const entries = [];
  const kitSays = [];
  // The kit's own runner (run-vendor-tests.sh): the shop folder with shop_inputs.csv, then shop
  // and book with book_inputs.csv.
  const runs = [
    { folder: ["shop"], data: "data/shop_inputs.csv" },
    { folder: ["shop", "book"], data: "data/book_inputs.csv" },
  ];
  const iterations = process.env.KIT_ITERATIONS ? Number(process.env.KIT_ITERATIONS) : undefined;
  const next = (i) => {
    if (i === runs.length) {
      write(out, entries, kitSays);
      return;
    }
    const byCursor = new Map();
    newman
      .run({
        collection,
        environment,
        folder: runs[i].folder,
        iterationData: path.join(kit, runs[i].data),
        iterationCount: iterations,
        insecure: true,
        timeoutRequest: 30000,
        envVar: [
          { key: "baseUrl", value: baseUrl },
          { key: "username", value: user },
          { key: "password", value: password },
          { key: "posRequestorId", value: "HTL011235" },
          { key: "travelerUuid", value: "123e4567-e89b-12d3-a456-426614174000" },
          { key: "loginId", value: "abc@concur.com" },
        ],
        reporters: [],
      })
      .on("request", (err, a) => {
        const at = entries.length;
        byCursor.set(a.cursor.ref, at);
        entries.push(entry(a, err));
        kitSays.push({ run: i + 1, iteration: a.cursor.iteration + 1, item: a.item.name, says: [] });
      })
      .on("console", (err, a) => {
        if (a.level !== "error" && a.level !== "warn") return;
    // Postman's sandbox warns of its own deprecated APIs; those are not the kit's checks.
    if (a.messages.some((m) => typeof m === "string" && / is deprecated\. Use /.test(m))) return;
        const at = byCursor.get(a.cursor.ref);
        if (at === undefined) return;
        const text = a.messages.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
        kitSays[at].says.push(`${a.level}: ${text}`);
      })
      .on("done", () => next(i + 1));
  };
  next(0);
}

function headers(list) {
  return (list || []).map((h) => ({ name: h.key, value: String(h.value) }));
}

function entry(a, err) {
  const req = a.request;
  const body = req.body && req.body.raw ? String(req.body.raw) : "";
  const res = a.response;
  const text = res && res.stream ? Buffer.from(res.stream).toString("utf8") : "";
  return {
    startedDateTime: new Date().toISOString(),
    time: res ? res.responseTime : 0,
    request: {
      method: req.method,
      url: req.url.toString(),
      httpVersion: "HTTP/1.1",
      headers: headers(req.headers && req.headers.members).filter(
        (h) => h.name.toLowerCase() !== "authorization"),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: body.length,
      postData: { mimeType: "application/json", text: body },
    },
    response: {
      status: res ? res.code : 0,
      statusText: res ? res.status : String(err || ""),
      httpVersion: "HTTP/1.1",
      headers: headers(res && res.headers && res.headers.members),
      cookies: [],
      content: { size: text.length, mimeType: "application/json", text },
      redirectURL: "",
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: res ? res.responseTime : 0, receive: 0 },
  };
}

function write(out, entries, kitSays) {
  const har = { log: { version: "1.2", creator: { name: "kit-compare", version: "1" }, entries } };
  fs.writeFileSync(path.join(out, "kit.har"), JSON.stringify(har, null, 1));
  fs.writeFileSync(path.join(out, "kit-says.json"), JSON.stringify(kitSays, null, 1));
}

// Per exchange: what the kit printed, and what otalint reported.
function compare(out, otalintJson) {
  const kitSays = JSON.parse(fs.readFileSync(path.join(out, "kit-says.json"), "utf8"));
  const report = JSON.parse(fs.readFileSync(otalintJson, "utf8"));
  const found = kitSays.map(() => []);
  for (const d of report.diagnostics || []) {
    if (d.entry === null || d.entry === undefined || !found[d.entry]) continue;
    if (d.rule === "endpoint-tls") continue; // plain HTTP on loopback, not the supplier's answer
    found[d.entry].push(`${d.level} ${d.rule}: ${d.message}`);
  }
  let both = 0, kitOnly = 0, otalintOnly = 0, neither = 0;
  kitSays.forEach((k, i) => {
    const kit = k.says.length > 0, ota = found[i].length > 0;
    if (kit && ota) both++;
    else if (kit) kitOnly++;
    else if (ota) otalintOnly++;
    else neither++;
    console.log(`## entry ${i}: run ${k.run}, iteration ${k.iteration}, ${k.item}`);
    for (const s of k.says) console.log(`  kit     ${s.replace(/\n/g, " ").slice(0, 300)}`);
    for (const s of found[i]) console.log(`  otalint ${s.replace(/\n/g, " ").slice(0, 300)}`);
    if (!kit && !ota) console.log("  (neither reports anything)");
  });
  console.log(`\n${kitSays.length} exchanges: both report ${both}, only the kit ${kitOnly}, only otalint ${otalintOnly}, neither ${neither}`);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "run") run(...args);
else if (cmd === "compare") compare(...args);
else {
  console.error("usage: kit-compare.js run KIT_DIR BASE_URL USER PASSWORD OUT_DIR | compare OUT_DIR OTALINT_JSON");
  process.exit(2);
}
