// Starts the emulator and the measured programs as child processes, so that
// each has its own event loop and its own peak RSS.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const root = fileURLToPath(new URL('../../', import.meta.url));
const emulatorBin = fileURLToPath(
  new URL('../../packages/emulator/bin/vtiger-emulator.mjs', import.meta.url),
);

/**
 * Starts `vtiger-emulator` with the given options and resolves once it
 * prints its ready line. `stop()` ends the process and waits for its exit.
 */
export async function startEmulator({ leads, latency, faults, seed = 1 }) {
  const args = [
    emulatorBin,
    '--leads',
    String(leads),
    '--latency',
    String(latency),
    '--page-cap',
    '100',
    '--seed',
    String(seed),
  ];
  if (faults !== undefined) args.push('--faults', faults);
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(line));
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(
        new Error(`The emulator exited with code ${code} before it was ready`),
      ),
    );
  });
  lines.close();
  child.stdout.resume();
  const credentials = JSON.parse(ready);
  return {
    url: credentials.url,
    username: credentials.username,
    accessKey: credentials.accessKey,
    /** CPU seconds (user + system) the emulator has used so far; Linux only. */
    cpuSeconds() {
      return processCpuSeconds(child.pid);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Runs `node [nodeArgs] script <config as JSON>` and returns the JSON object
 * that the script prints as its last stdout line.
 */
export async function runChild(script, config, nodeArgs = []) {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      fileURLToPath(new URL(script, import.meta.url)),
      JSON.stringify(config),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    output += text;
  });
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0) {
    throw new Error(`${script} failed with exit code ${code}: ${last}`);
  }
  return JSON.parse(last);
}

// Fields 14 and 15 of /proc/<pid>/stat are utime and stime in clock ticks,
// which are 1/100 s on Linux.
function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
