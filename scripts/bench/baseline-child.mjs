// The bare baseline of the cpu case: the same keyset pages as the exporter,
// with the same number of webservice.php sessions in parallel, but only
// fetch + JSON.parse + one JSON Lines file. No validation, no ordering, no
// retries, no checkpoint. Prints one JSON line like export-child.mjs.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const config = JSON.parse(process.argv[2]);
const endpoint = new URL('webservice.php', config.url);
// The exporter's default range size: 32 pages of 100 ids.
const RANGE_IDS = 32 * 100;

async function get(params) {
  const url = new URL(endpoint);
  url.search = new URLSearchParams(params).toString();
  const response = await fetch(url);
  const envelope = JSON.parse(await response.text());
  if (!envelope.success)
    throw new Error(`${params.operation} failed: ${envelope.error.code}`);
  return envelope.result;
}

async function post(params) {
  const response = await fetch(endpoint, {
    method: 'POST',
    body: new URLSearchParams(params),
  });
  const envelope = JSON.parse(await response.text());
  if (!envelope.success)
    throw new Error(`${params.operation} failed: ${envelope.error.code}`);
  return envelope.result;
}

const started = performance.now();
const startedCpu = process.cpuUsage();
const { token } = await get({
  operation: 'getchallenge',
  username: config.username,
});
const digest = createHash('md5')
  .update(token + config.accessKey)
  .digest('hex');
const sessions = [];
for (let index = 0; index < config.sessions; index += 1) {
  const login = await post({
    operation: 'login',
    username: config.username,
    accessKey: digest,
  });
  sessions.push(login.sessionName);
}

const query = (sessionName, text) =>
  get({ operation: 'query', sessionName, query: text });
const [first] = await query(
  sessions[0],
  'SELECT id FROM Leads ORDER BY id ASC LIMIT 1;',
);
const [last] = await query(
  sessions[0],
  'SELECT id FROM Leads ORDER BY id DESC LIMIT 1;',
);
const prefix = first.id.slice(0, first.id.indexOf('x') + 1);
const numberOf = (id) => Number(id.slice(id.indexOf('x') + 1));
const ranges = [];
for (
  let lower = numberOf(first.id) - 1;
  lower < numberOf(last.id);
  lower += RANGE_IDS
) {
  ranges.push({
    after: lower,
    upper: Math.min(lower + RANGE_IDS, numberOf(last.id)),
  });
}

const out = createWriteStream(join(config.outDir, 'Leads.jsonl'));
let records = 0;
let pages = 0;

async function worker(sessionName) {
  for (
    let range = ranges.shift();
    range !== undefined;
    range = ranges.shift()
  ) {
    let after = range.after;
    while (after < range.upper) {
      const rows = await query(
        sessionName,
        `SELECT * FROM Leads WHERE id > '${prefix}${after}' AND id <= '${prefix}${range.upper}' ORDER BY id LIMIT 100;`,
      );
      pages += 1;
      if (rows.length === 0) break;
      let text = '';
      for (const row of rows) text += `${JSON.stringify(row)}\n`;
      records += rows.length;
      if (!out.write(text)) await once(out, 'drain');
      after = numberOf(rows.at(-1).id);
    }
  }
}

await Promise.all(sessions.map((sessionName) => worker(sessionName)));
out.end();
await once(out, 'finish');
const elapsedMs = performance.now() - started;

console.log(
  JSON.stringify({
    elapsedMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    // CPU time from `started` on, so that module loading is left out.
    cpuSeconds: cpuSecondsSince(startedCpu),
    records,
    pages,
    retries: 0,
    skipped: 0,
    files: [
      {
        format: 'jsonl',
        path: join(config.outDir, 'Leads.jsonl'),
        bytes: out.bytesWritten,
      },
    ],
  }),
);

function cpuSecondsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}
