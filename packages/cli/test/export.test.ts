import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  allOutput,
  assertBuilt,
  findLeakedSecrets,
  makeTempDir,
  runCli,
} from './helpers.js';

const leadCount = 1200;
let emulator: RunningEmulator;
let home: { path: string; remove: () => Promise<void> };
let env: Record<string, string>;

beforeAll(async () => {
  assertBuilt();
  home = await makeTempDir();
  // Latency keeps the export running long enough to interrupt it.
  emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: 5,
    leads: leadCount,
    latency: 25,
  });
  env = {
    VTIGER_URL: emulator.url,
    VTIGER_USERNAME: emulator.username,
    VTIGER_ACCESS_KEY: emulator.accessKey,
    VTIGER_API: 'webservice',
  };
});

afterAll(async () => {
  await emulator?.close();
  await home?.remove();
});

const formatsArgument = 'csv,jsonl,json';
const exportFiles = ['Leads.csv', 'Leads.json', 'Leads.jsonl'];

async function readExport(dir: string): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const file of exportFiles) {
    contents[file] = await readFile(join(dir, file), 'utf8');
  }
  return contents;
}

/** Runs the full export once; tests that compare with it share the result. */
let fullExport:
  | Promise<{ result: Awaited<ReturnType<typeof runCli>>; out: string }>
  | undefined;
function exportAll() {
  fullExport ??= (async () => {
    const out = join(home.path, 'full');
    const result = await runCli(
      ['export', 'Leads', '--format', formatsArgument, '--out', out, '-c', '2'],
      home.path,
      { env },
    );
    return { result, out };
  })();
  return fullExport;
}

describe('export', () => {
  test('writes every format and a summary', async () => {
    const { result, out } = await exportAll();
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      records: number;
      files: { path: string }[];
    };
    expect(summary.records).toBe(leadCount);
    expect(summary.files.map((file) => file.path).sort()).toEqual(
      exportFiles.map((file) => join(out, file)),
    );
    const reference = await readExport(out);
    expect(JSON.parse(reference['Leads.json']!)).toHaveLength(leadCount);
    expect(reference['Leads.jsonl']!.trimEnd().split('\n')).toHaveLength(
      leadCount,
    );
    expect(result.stderr).not.toContain('\u001b[');
  });

  test('--concurrency sets the session pool size', async () => {
    emulator.resetStats();
    const result = await runCli(
      [
        'export',
        'Leads',
        '--format',
        'jsonl',
        '--out',
        join(home.path, 'one-session'),
        '-c',
        '1',
      ],
      home.path,
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(emulator.stats.logins).toBe(1);
    expect(emulator.stats.maxInFlight).toBe(1);
  });

  test('Ctrl-C leaves a checkpoint that --resume finishes', async () => {
    const out = join(home.path, 'interrupted');
    const args = [
      '--verbose',
      'export',
      'Leads',
      '--format',
      formatsArgument,
      '--out',
      out,
      '-c',
      '1',
    ];
    let sent = false;
    const interrupted = await runCli(args, home.path, {
      env,
      onStderr: (child, stderr) => {
        const pages = stderr.match(/<- query HTTP 200/g)?.length ?? 0;
        if (!sent && pages >= 4) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('--resume');
    expect(existsSync(join(out, 'Leads.csv'))).toBe(false);
    expect(existsSync(join(out, 'Leads.checkpoint.json'))).toBe(true);

    const resumed = await runCli([...args, '--resume'], home.path, { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const full = await exportAll();
    expect(full.result.code, full.result.stderr).toBe(0);
    expect(await readExport(out)).toEqual(await readExport(full.out));
  });

  test('Ctrl-C while planning says nothing was kept', async () => {
    const out = join(home.path, 'planning');
    let sent = false;
    const result = await runCli(
      ['--verbose', 'export', 'Leads', '--out', out],
      home.path,
      {
        env,
        onStderr: (child, stderr) => {
          // describe is the exporter's first request, before any page.
          if (!sent && stderr.includes('-> GET describe')) {
            sent = true;
            child.kill('SIGINT');
          }
        },
      },
    );
    expect(sent).toBe(true);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(
      'Export interrupted before any record was written; no files or checkpoint were kept.',
    );
    expect(result.stderr).not.toContain('--resume');
    expect(existsSync(join(out, 'Leads.checkpoint.json'))).toBe(false);
  });

  test('--resume without a checkpoint keeps finished files', async () => {
    const full = await exportAll();
    expect(full.result.code, full.result.stderr).toBe(0);
    const before = await readExport(full.out);
    const result = await runCli(
      [
        'export',
        'Leads',
        '--format',
        formatsArgument,
        '--out',
        full.out,
        '--resume',
        '--where',
        'leadstatus=Hot',
      ],
      home.path,
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Error: Cannot resume: there is no checkpoint ${join(full.out, 'Leads.checkpoint.json')}`,
    );
    expect(result.stderr).toContain('Export again without --resume');
    expect(await readExport(full.out)).toEqual(before);
  });

  test('replacing finished files warns first', async () => {
    const out = join(home.path, 'twice');
    const args = [
      'export',
      'Leads',
      '--where',
      'lastname~A%',
      '--fields',
      'lastname',
      '--out',
      out,
    ];
    const first = await runCli(args, home.path, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain('Warning');
    const second = await runCli(args, home.path, { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(
      `Warning: ${join(out, 'Leads.csv')} already exists and will be replaced`,
    );
  });

  test('--out naming a file is a usage error', async () => {
    const file = join(home.path, 'a-file');
    await writeFile(file, 'keep');
    for (const out of [file, join(file, 'below')]) {
      const result = await runCli(
        ['export', 'Leads', '--out', out],
        home.path,
        {
          env,
        },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^Error: Invalid --out ${out}: .*is a file`),
      );
    }
    expect(await readFile(file, 'utf8')).toBe('keep');
  });

  test('an unknown field fails with exit 1', async () => {
    const result = await runCli(
      [
        'export',
        'Leads',
        '--fields',
        'nosuchfield',
        '--out',
        join(home.path, 'bad'),
      ],
      home.path,
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: /m);
  });
});

describe('demo', () => {
  test('exports Leads into ./vtiger-demo', async () => {
    const cwd = await makeTempDir();
    try {
      const result = await runCli(['demo', '--leads', '300'], home.path, {
        cwd: cwd.path,
      });
      expect(result.code, result.stderr).toBe(0);
      const dir = join(cwd.path, 'vtiger-demo');
      expect((await readdir(dir)).sort()).toEqual(exportFiles);
      const rows = JSON.parse(
        await readFile(join(dir, 'Leads.json'), 'utf8'),
      ) as unknown[];
      expect(rows).toHaveLength(300);
      for (const file of exportFiles)
        expect(result.stdout).toContain(join(dir, file));
    } finally {
      await cwd.remove();
    }
  });
});

test('no output contains a secret or session id', () => {
  expect(allOutput.length).toBeGreaterThan(4);
  expect(findLeakedSecrets([emulator.accessKey])).toEqual([]);
});
