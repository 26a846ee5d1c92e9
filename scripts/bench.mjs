// Benchmarks of the exporter against the emulator: `pnpm bench`.
// Prints a table, or one JSON object with --json. Progress goes to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { concurrencyChart } from './bench/chart.mjs';
import {
  cpuCase,
  faultsCase,
  memoryCase,
  networkCase,
  sessionsCase,
  sizes,
} from './bench/cases.mjs';

const CASES = ['network', 'cpu', 'memory', 'faults', 'sessions'];
const DEFAULT_CHART = 'docs/bench-concurrency.svg';

const HELP = `Usage: pnpm bench [options]   (or: node scripts/bench.mjs [options])

Runs the exporter against vtiger-emulator, each in its own process.

Options:
  --case LIST     cases to run, comma-separated: ${CASES.join(',')} (default: all)
  --quick         a tenth of the issue's sizes (1M becomes 100k), for a fast check
  --runs N        timed runs per measurement; the median is reported (default 1)
  --profile       also write a CPU profile of one cpu-case export and list
                  the functions with the most self time
  --chart FILE    SVG of time against concurrency for the network case
                  (default: ${DEFAULT_CHART}, written only without --quick)
  --toolkit DIR   measure the built packages of another checkout of this
                  repository (for before/after comparisons; the emulator
                  and the baseline always come from this one)
  --json          print one JSON object instead of the table
  --out FILE      also write the JSON object to FILE
  --help          show this help
`;

function parseOptions(argv) {
  // `pnpm bench -- --json` passes the `--` on; parseArgs would treat the
  // options after it as positionals.
  const args = argv.filter((arg) => arg !== '--');
  const { values } = parseArgs({
    args,
    options: {
      case: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      chart: { type: 'string' },
      json: { type: 'boolean', default: false },
      toolkit: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const selected =
    values.case === undefined
      ? CASES
      : values.case.split(',').map((name) => name.trim());
  for (const name of selected) {
    if (!CASES.includes(name)) {
      throw new Error(
        `Unknown case "${name}" in --case. Use a comma-separated list of: ${CASES.join(', ')}.`,
      );
    }
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `Invalid --runs "${values.runs}": expected an integer >= 1.`,
    );
  }
  return {
    cases: selected,
    quick: values.quick,
    runs,
    profile: values.profile,
    chart: values.chart ?? (values.quick ? undefined : DEFAULT_CHART),
    json: values.json,
    out: values.out,
    toolkit: values.toolkit === undefined ? undefined : resolve(values.toolkit),
    help: values.help,
  };
}

function machine() {
  const [one, five] = loadavg();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverage: [Number(one.toFixed(2)), Number(five.toFixed(2))],
  };
}

function row(name, measured, target, met, detail) {
  let verdict = '';
  if (met !== undefined) verdict = met ? 'yes' : 'NO';
  return { name, measured, target, met: verdict, detail };
}

function tableRows(results) {
  const rows = [];
  const { network, cpu, memory, faults, sessions } = results;
  if (network !== undefined) {
    const main = network.points.find((point) => point.concurrency === 4);
    rows.push(
      row(
        'network_ratio',
        network.network_ratio,
        '<= 1.10',
        network.network_ratio <= 1.1,
        `${network.leads} leads, c=4: ${main.seconds} s vs ideal ${main.idealSeconds} s`,
      ),
      row(
        '  bare baseline',
        network.network_baseline_ratio,
        '',
        undefined,
        `c=4: ${main.baselineSeconds} s`,
      ),
      row(
        '  floor',
        network.network_floor_ratio,
        '',
        undefined,
        `c=4, fetch and read only: ${network.floorSeconds} s, ${network.floorRequestMs} ms a request`,
      ),
    );
    for (const point of network.points) {
      if (point.concurrency === 4) continue;
      rows.push(
        row(
          `  c=${point.concurrency}`,
          point.ratio,
          '',
          undefined,
          `${point.seconds} s (baseline ${point.baselineSeconds} s) vs ideal ${point.idealSeconds} s`,
        ),
      );
    }
  }
  if (cpu !== undefined) {
    rows.push(
      row(
        'cpu_ratio',
        cpu.cpu_ratio,
        '<= 1.5',
        cpu.cpu_ratio <= 1.5,
        `${cpu.leads} leads: exporter ${cpu.exporterSeconds} s, baseline ${cpu.baselineSeconds} s`,
      ),
      row(
        '  cpu_time_ratio',
        cpu.cpu_time_ratio,
        '',
        undefined,
        `CPU of the process: exporter ${cpu.exporterCpuSeconds} s, baseline ${cpu.baselineCpuSeconds} s`,
      ),
    );
  }
  if (memory !== undefined) {
    const big = memory.runs[memory.leads];
    const small = memory.runs[memory.referenceLeads];
    rows.push(
      row(
        'peak_rss_mb_1m',
        memory.peak_rss_mb_1m,
        '<= 200',
        memory.peak_rss_mb_1m <= 200,
        `${memory.leads} leads in ${big.seconds} s`,
      ),
      row(
        'rss_growth',
        memory.rss_growth,
        '<= 1.2',
        memory.rss_growth <= 1.2,
        `vs ${small.peakRssMb} MiB at ${memory.referenceLeads} leads`,
      ),
    );
  }
  if (faults !== undefined) {
    rows.push(
      row(
        'faults_identical',
        faults.faults_identical,
        'true',
        faults.faults_identical,
        `${faults.leads} leads, ${faults.retries} retries`,
      ),
      row(
        'faults_time_ratio',
        faults.faults_time_ratio,
        '',
        undefined,
        `${faults.faultySeconds} s vs ${faults.cleanSeconds} s fault-free`,
      ),
    );
  }
  if (sessions !== undefined) {
    rows.push(
      row(
        'session_pool_speedup',
        sessions.session_pool_speedup,
        '>= 3',
        sessions.session_pool_speedup >= 3,
        `${sessions.leads} leads: 1 session ${sessions.singleSessionSeconds} s, pool ${sessions.poolSeconds} s`,
      ),
    );
  }
  return rows;
}

function printTable(rows) {
  const header = {
    name: 'result',
    measured: 'measured',
    target: 'target',
    met: 'met',
    detail: 'detail',
  };
  const all = [header, ...rows];
  const columns = ['name', 'measured', 'target', 'met', 'detail'];
  const widths = columns.map((column) =>
    Math.max(...all.map((entry) => String(entry[column]).length)),
  );
  const format = (entry) =>
    `| ${columns.map((column, index) => String(entry[column]).padEnd(widths[index])).join(' | ')} |`;
  console.log(format(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const entry of rows) console.log(format(entry));
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const size = options.quick ? sizes.quick : sizes.full;
  const log = (message) => console.error(`[bench] ${message}`);
  const before = machine();
  const started = performance.now();
  const results = {};
  const common = { runs: options.runs, log, toolkit: options.toolkit };
  for (const name of options.cases) {
    log(`${name}: starting`);
    if (name === 'network') {
      results.network = await networkCase({ ...common, leads: size.network });
    } else if (name === 'cpu') {
      results.cpu = await cpuCase({
        ...common,
        leads: size.cpu,
        profile: options.profile,
      });
    } else if (name === 'memory') {
      results.memory = await memoryCase({
        ...common,
        leads: size.memory,
        referenceLeads: size.memoryReference,
      });
    } else if (name === 'faults') {
      results.faults = await faultsCase({ ...common, leads: size.faults });
    } else {
      results.sessions = await sessionsCase({
        ...common,
        leads: size.sessions,
      });
    }
  }
  if (results.network !== undefined && options.chart !== undefined) {
    const title = `Export of ${results.network.leads.toLocaleString('en-US')} Leads, ${results.network.latencyMs} ms per request`;
    mkdirSync(dirname(options.chart), { recursive: true });
    writeFileSync(
      options.chart,
      concurrencyChart(results.network.points, title),
    );
    log(`chart written to ${options.chart}`);
  }

  const summary = {
    network_ratio: results.network?.network_ratio ?? null,
    network_baseline_ratio: results.network?.network_baseline_ratio ?? null,
    network_floor_ratio: results.network?.network_floor_ratio ?? null,
    cpu_ratio: results.cpu?.cpu_ratio ?? null,
    cpu_time_ratio: results.cpu?.cpu_time_ratio ?? null,
    peak_rss_mb_1m: results.memory?.peak_rss_mb_1m ?? null,
    rss_growth: results.memory?.rss_growth ?? null,
    faults_identical: results.faults?.faults_identical ?? null,
    faults_time_ratio: results.faults?.faults_time_ratio ?? null,
    session_pool_speedup: results.sessions?.session_pool_speedup ?? null,
    quick: options.quick,
    runs: options.runs,
    toolkit: options.toolkit ?? null,
    totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    machine: { ...before, loadAverageAfter: machine().loadAverage },
    command: `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    cases: results,
  };
  if (options.out !== undefined) {
    writeFileSync(options.out, `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (options.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  printTable(tableRows(results));
  const profile = results.cpu?.profile;
  if (profile !== undefined) {
    console.log(`\nTop self time in the cpu case's export (${profile.path}):`);
    for (const entry of profile.top) {
      console.log(
        `${entry.selfMs.toFixed(0).padStart(7)} ms ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.name}  ${entry.location}`,
      );
    }
  }
  console.log(
    `\n${before.cores} x ${before.cpu}, Node ${before.node}, load ${before.loadAverage.join(' ')} before, ${summary.machine.loadAverageAfter.join(' ')} after; ${summary.totalSeconds} s in all.`,
  );
}

main().catch((error) => {
  console.error(
    `[bench] failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
});
