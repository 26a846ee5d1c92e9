import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProgram } from '../src/program.js';
import { Runtime } from '../src/runtime.js';
import { assertBuilt, makeTempDir, runCli } from './helpers.js';

let home: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  assertBuilt();
  home = await makeTempDir();
});

afterAll(async () => {
  await home.remove();
});

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}

describe('help', () => {
  test('every command has an example', () => {
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const runtime = new Runtime({
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: {},
      cwd: '.',
    });
    const program = createProgram(runtime);
    const commands = allCommands(program);
    expect(commands.map((command) => command.name())).toEqual(
      expect.arrayContaining([
        'me',
        'types',
        'describe',
        'retrieve',
        'query',
        'find',
        'create',
        'update',
        'revise',
        'delete',
        'related',
        'sync',
        'export',
        'codegen',
        'demo',
        'profile',
      ]),
    );
    for (const command of [program, ...commands]) {
      text = '';
      command.outputHelp();
      expect(text, `help of ${command.name()}`).toContain('Examples:\n  $ ');
    }
  });

  test('--version prints the package version', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const result = await runCli(['--version'], home.path);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  test('--help goes to stdout with exit 0', async () => {
    const result = await runCli(['export', '--help'], home.path, {
      env: { VTIGER_ACCESS_KEY: 'helpSecretKey123' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--resume');
    expect(result.stdout).not.toContain('helpSecretKey123');
    expect(result.stderr).toBe('');
  });
});

describe('usage errors exit 2', () => {
  test('missing credentials name the three variables', async () => {
    const result = await runCli(['me'], home.path);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('VTIGER_URL');
    expect(result.stderr).toContain('VTIGER_USERNAME');
    expect(result.stderr).toContain('VTIGER_ACCESS_KEY');
  });

  test.each([
    [['retrieve', 'abc'], 'Invalid record id "abc"'],
    [['update', '10x'], 'Invalid record id "10x"'],
    [['create', 'Leads', 'lastname'], 'Invalid field assignment "lastname"'],
    [['create', 'Leads', '--json', '{bad'], 'Unreadable JSON in --json'],
    [['create', 'Leads', '--json', '[1]'], 'expected one object'],
    [['create', 'Leads'], 'No field values given'],
    [['find', 'Leads', '--where', 'city'], 'Invalid --where condition "city"'],
    [['find', 'Leads', '--limit', 'zero'], "argument 'zero' is invalid"],
    [['query', 'x', '--output', 'xml'], "argument 'xml' is invalid"],
    [['sync', 'Leads', '--since', 'yesterday'], 'Invalid time "yesterday"'],
    [['export', 'Leads', '--format', 'xlsx'], 'Invalid export format "xlsx"'],
    [
      ['export', 'Leads', '--prefix', 'lastname'],
      'Invalid --prefix "lastname"',
    ],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['codegen', '--type-name', 'bad name'], 'Invalid --type-name "bad name"'],
    [['codegen', '--modules', ','], 'Invalid --modules ","'],
    [
      ['export', 'Leads', '--since', '99999999999999'],
      'Invalid time "99999999999999": it is out of range',
    ],
    [['sync', 'Leads', '--since', '99999999999d'], 'is out of range'],
    [['export', 'Leads', '--file-name', 'a/b'], 'Invalid --file-name "a/b"'],
    [
      ['export', 'Leads', '--file-name', '../evil'],
      'Invalid --file-name "../evil"',
    ],
    [['export', 'Leads', '--file-name', '..'], 'Invalid --file-name ".."'],
    [['export', 'Leads', '--fields', ','], 'Invalid --fields ","'],
    [['find', 'Leads', '--fields', ' , '], 'Invalid --fields " , "'],
    [['find', 'Leads', '--order-by', ','], 'Invalid --order-by ","'],
  ])('%j', async (args, message) => {
    const result = await runCli(args, home.path, {
      env: {
        VTIGER_URL: 'http://127.0.0.1:9',
        VTIGER_USERNAME: 'admin',
        VTIGER_ACCESS_KEY: 'notusedkey',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  test('parse errors hide the access key', async () => {
    const result = await runCli(['typedKey12345'], home.path, {
      env: { VTIGER_ACCESS_KEY: 'typedKey12345' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command '[redacted]'");
    expect(result.stderr).not.toContain('typedKey12345');
  });

  test('delete without --yes off a terminal', async () => {
    const result = await runCli(['delete', '10x1'], home.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Pass --yes');
  });
});

describe('find --dry-run', () => {
  test('prints the VTQL without connecting', async () => {
    const result = await runCli(
      [
        'find',
        'Leads',
        '--where',
        "city=O'Fallon",
        '--where',
        'lastname~Sm%',
        '--fields',
        'firstname,lastname',
        '--order-by',
        'lastname',
        '--limit',
        '50',
        '--dry-run',
      ],
      home.path,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "SELECT firstname, lastname FROM Leads WHERE city = 'O''Fallon' AND lastname LIKE 'Sm%' ORDER BY lastname LIMIT 50;\n",
    );
  });
});

describe('find --where values', () => {
  test('are trimmed unless quoted', async () => {
    const result = await runCli(
      [
        'find',
        'Leads',
        '--where',
        ' city = Chicago ',
        '--where',
        "lastname=' Sm '",
        '--dry-run',
      ],
      home.path,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      "SELECT * FROM Leads WHERE city = 'Chicago' AND lastname = ' Sm ';\n",
    );
  });
});

describe('demo --out', () => {
  test('naming a file is a usage error', async () => {
    const file = join(home.path, 'not-a-folder');
    await writeFile(file, 'keep');
    const result = await runCli(['demo', '--out', file], home.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `Error: Invalid --out ${file}: it is a file, not a folder. Give a folder path; the files are written inside it.\n`,
    );
  });

  test.runIf(existsSync('/proc/self'))(
    'under /proc fails instead of hanging',
    async () => {
      const result = await runCli(['demo', '--out', '/proc/nope'], home.path);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'Error: Failed to create the folder /proc/nope for --out',
      );
    },
  );
});

describe('find --any', () => {
  test('joins --where conditions with OR', async () => {
    const result = await runCli(
      [
        'find',
        'Leads',
        '--where',
        'city=Chicago',
        '--where',
        'city=Boston',
        '--any',
        '--dry-run',
      ],
      home.path,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "SELECT * FROM Leads WHERE city = 'Chicago' OR city = 'Boston';\n",
    );
  });
});

describe('profile', () => {
  test('add, list and remove', async () => {
    const add = await runCli(
      [
        'profile',
        'add',
        'work',
        '--url',
        'https://crm.example.com/',
        '--username',
        'me@example.com',
        '--access-key',
        'profileSecretKey123',
      ],
      home.path,
    );
    expect(add.code).toBe(0);
    const path = join(home.path, 'config', 'vtiger', 'config.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const list = await runCli(
      ['profile', 'list', '--output', 'json'],
      home.path,
    );
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      {
        name: 'work',
        url: 'https://crm.example.com',
        username: 'me@example.com',
        api: 'auto',
        default: true,
      },
    ]);
    expect(list.stdout + list.stderr).not.toContain('profileSecretKey123');

    const remove = await runCli(['profile', 'remove', 'work'], home.path);
    expect(remove.code).toBe(0);
    const after = await runCli(
      ['profile', 'list', '--output', 'json'],
      home.path,
    );
    expect(JSON.parse(after.stdout)).toEqual([]);
  });

  test('unknown profile is a usage error', async () => {
    const result = await runCli(['--profile', 'nope', 'me'], home.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown profile "nope"');
  });
});
