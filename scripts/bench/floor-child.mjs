// The floor of the network case: the least work any client can do for the
// same pages. It requests windows of 100 ids, which need no cursor from
// the previous page, so each session sends its next request as soon as a
// body has arrived. Bodies are read as text and dropped: no parsing, no
// output file. What this client loses against the ideal time is lost in
// fetch, the emulator's timers and the machine, not in any export code.
// Prints one JSON line like export-child.mjs, plus request times.
import { createHash } from 'node:crypto';

const config = JSON.parse(process.argv[2]);
const endpoint = new URL('webservice.php', config.url);
const WINDOW_IDS = 100;
/** Milliseconds from calling fetch to the response headers, per page. */
const requestTimes = [];

async function get(params, timed = false) {
  const url = new URL(endpoint);
  url.search = new URLSearchParams(params).toString();
  const sentAt = performance.now();
  const response = await fetch(url);
  if (timed) requestTimes.push(performance.now() - sentAt);
  return response.text();
}

async function post(params) {
  const response = await fetch(endpoint, {
    method: 'POST',
    body: new URLSearchParams(params),
  });
  return response.text();
}

function resultOf(text, operation) {
  const envelope = JSON.parse(text);
  if (!envelope.success) {
    throw new Error(`${operation} failed: ${envelope.error.code}`);
  }
  return envelope.result;
}

const started = performance.now();
const startedCpu = process.cpuUsage();
const { token } = resultOf(
  await get({ operation: 'getchallenge', username: config.username }),
  'getchallenge',
);
const digest = createHash('md5')
  .update(token + config.accessKey)
  .digest('hex');
const sessions = await Promise.all(
  Array.from({ length: config.sessions }, async () => {
    const text = await post({
      operation: 'login',
      username: config.username,
      accessKey: digest,
    });
    return resultOf(text, 'login').sessionName;
  }),
);

const query = (sessionName, text, timed = false) =>
  get({ operation: 'query', sessionName, query: text }, timed);
const [[first], [last]] = await Promise.all(
  ['ASC', 'DESC'].map(async (direction) =>
    resultOf(
      await query(
        sessions[0],
        `SELECT id FROM Leads ORDER BY id ${direction} LIMIT 1;`,
      ),
      'query',
    ),
  ),
);
const prefix = first.id.slice(0, first.id.indexOf('x') + 1);
const numberOf = (id) => Number(id.slice(id.indexOf('x') + 1));
const windows = [];
for (
  let lower = numberOf(first.id) - 1;
  lower < numberOf(last.id);
  lower += WINDOW_IDS
) {
  windows.push(lower);
}

let pages = 0;
let bytes = 0;
async function chain(sessionName) {
  for (let lower = windows.shift(); lower !== undefined;) {
    const text = await query(
      sessionName,
      `SELECT * FROM Leads WHERE id > '${prefix}${lower}' AND id <= '${prefix}${lower + WINDOW_IDS}' ORDER BY id LIMIT 100;`,
      true,
    );
    // A failed page would make the floor look faster than it is. Checking
    // the start of the body costs far less than parsing it.
    if (!text.startsWith('{"success":true')) {
      throw new Error(`Page query failed: ${text.slice(0, 200)}`);
    }
    pages += 1;
    bytes += text.length;
    lower = windows.shift();
  }
}

const expectedPages = windows.length;
await Promise.all(sessions.map((sessionName) => chain(sessionName)));
if (pages !== expectedPages) {
  throw new Error(`Fetched ${pages} pages, expected ${expectedPages}`);
}
const elapsedMs = performance.now() - started;
const { user, system } = process.cpuUsage(startedCpu);
requestTimes.sort((a, b) => a - b);

console.log(
  JSON.stringify({
    elapsedMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (user + system) / 1e6,
    pages,
    bodyCharacters: bytes,
    requestMedianMs: requestTimes[requestTimes.length >> 1],
    requestMeanMs:
      requestTimes.reduce((sum, time) => sum + time, 0) / requestTimes.length,
  }),
);
