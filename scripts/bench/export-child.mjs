// Runs one export with @vtiger/exporter and prints one JSON line: the time,
// the peak RSS of this process and the files written. Started by
// scripts/bench.mjs with its settings as the only argument.
import { pathToFileURL } from 'node:url';

const config = JSON.parse(process.argv[2]);
// `toolkit` is the repository whose built packages are measured (another
// checkout for before/after comparisons); by default this one.
const toolkit = new URL(
  config.toolkit === undefined
    ? '../../'
    : `${pathToFileURL(config.toolkit).href}/`,
  import.meta.url,
);
const { Vtiger } = await import(
  new URL('packages/core/dist/index.mjs', toolkit).href
);
const { exportRecords } = await import(
  new URL('packages/exporter/dist/index.mjs', toolkit).href
);

const started = performance.now();
const startedCpu = process.cpuUsage();
const client = new Vtiger({
  url: config.url,
  username: config.username,
  accessKey: config.accessKey,
  api: 'webservice',
  concurrency: config.sessions,
  ...(config.retry === undefined ? {} : { retry: config.retry }),
});
const result = await exportRecords({
  client,
  module: 'Leads',
  formats: ['json', 'jsonl', 'csv'],
  outDir: config.outDir,
  concurrency: config.concurrency,
  pageSize: 100,
});
const elapsedMs = performance.now() - started;
await client.close();

console.log(
  JSON.stringify({
    elapsedMs,
    // resourceUsage().maxRSS is in KiB.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    // CPU time from `started` on, so that module loading is left out.
    cpuSeconds: cpuSecondsSince(startedCpu),
    records: result.records,
    pages: result.pages,
    retries: result.retries,
    skipped: result.skipped.length,
    files: result.files.map(({ format, path, bytes }) => ({
      format,
      path,
      bytes,
    })),
  }),
);

function cpuSecondsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}
