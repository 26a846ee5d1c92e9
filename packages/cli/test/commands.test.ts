import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../src/run.js';
import {
  allOutput,
  assertBuilt,
  binPath,
  findLeakedSecrets,
  makeTempDir,
  runCli,
} from './helpers.js';

const leadCount = 180;
let emulator: RunningEmulator;
let home: { path: string; remove: () => Promise<void> };
let env: Record<string, string>;

beforeAll(async () => {
  assertBuilt();
  home = await makeTempDir();
  emulator = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: 3,
    leads: leadCount,
    contacts: 40,
    accounts: 20,
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

function cli(args: readonly string[], input?: string) {
  return runCli(args, home.path, {
    env,
    ...(input === undefined ? {} : { input }),
  });
}

function json<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

describe('reading', () => {
  test('me prints the user as JSON off a terminal', async () => {
    const result = await cli(['me']);
    expect(result.code).toBe(0);
    const user = json<Record<string, unknown>>(result.stdout);
    expect(user).toMatchObject({
      id: '19x1',
      user_name: emulator.username,
      first_name: expect.any(String),
      email1: expect.any(String),
      vtigerVersion: '8.4.0',
    });
    expect(user).not.toHaveProperty('sessionName');
    expect(result.stderr).toBe('');
  });

  test('types lists Leads', async () => {
    const result = await cli(['types']);
    expect(result.code).toBe(0);
    const types = json<{ name: string }[]>(result.stdout);
    expect(types.map((type) => type.name)).toContain('Leads');
  });

  test('describe prints fields', async () => {
    const result = await cli(['describe', 'Leads']);
    expect(result.code).toBe(0);
    const description = json<{ fields: { name: string }[] }>(result.stdout);
    expect(description.fields.map((field) => field.name)).toContain('lastname');
  });

  test('describe as a table lists field rows', async () => {
    const result = await cli(['describe', 'Leads', '--output', 'table']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(
      /^name\s+label\s+type\s+mandatory/,
    );
    expect(result.stdout).toMatch(/^lastname\s/m);
  });

  test('unknown module suggests the close match', async () => {
    const result = await cli(['describe', 'leads']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'Unknown module "leads": did you mean "Leads"?',
    );
  });
});

describe('query and find', () => {
  test('query prints JSON, JSON Lines and CSV', async () => {
    const vtql = 'SELECT id, lastname FROM Leads ORDER BY id LIMIT 5;';
    const asJson = await cli(['query', vtql]);
    expect(asJson.code).toBe(0);
    const rows = json<{ id: string; lastname: string }[]>(asJson.stdout);
    expect(rows).toHaveLength(5);

    const asLines = await cli(['query', vtql, '--output', 'jsonl']);
    const lines = asLines.stdout.trimEnd().split('\n');
    expect(lines.map((line) => json(line))).toEqual(rows);

    const asCsv = await cli(['query', vtql, '--output', 'csv']);
    const csvLines = asCsv.stdout.trimEnd().split('\n');
    expect(csvLines[0]).toBe('id,lastname');
    expect(csvLines).toHaveLength(6);
    expect(csvLines[1]?.startsWith(`${rows[0]?.id},`)).toBe(true);
  });

  test('query at the page cap hints at --all', async () => {
    const result = await cli(['query', 'SELECT id FROM Leads']);
    expect(result.code).toBe(0);
    expect(json<unknown[]>(result.stdout)).toHaveLength(100);
    expect(result.stderr).toContain('--all');
  });

  test('query --all pages past the cap', async () => {
    const result = await cli(['query', 'SELECT id FROM Leads;', '--all']);
    expect(result.code).toBe(0);
    const ids = json<{ id: string }[]>(result.stdout).map((row) => row.id);
    expect(ids).toHaveLength(leadCount);
    expect(new Set(ids).size).toBe(leadCount);
  });

  test('find with --limit above the cap pages by id', async () => {
    const result = await cli([
      'find',
      'Leads',
      '--fields',
      'lastname',
      '--order-by',
      'id',
      '--limit',
      '150',
    ]);
    expect(result.code).toBe(0);
    expect(json<unknown[]>(result.stdout)).toHaveLength(150);
  });

  test('find filters with --where', async () => {
    const sample = json<{ city: string }[]>(
      (await cli(['query', 'SELECT city FROM Leads LIMIT 1;'])).stdout,
    )[0]!;
    const result = await cli([
      'find',
      'Leads',
      '--where',
      `city=${sample.city}`,
      '--fields',
      'city,lastname',
      '--all',
    ]);
    expect(result.code).toBe(0);
    const rows = json<{ city: string }[]>(result.stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.city).toBe(sample.city);
  });

  test('find --any joins conditions with OR and pages every match', async () => {
    const cities = json<{ city: string }[]>(
      (await cli(['query', 'SELECT city FROM Leads LIMIT 100;'])).stdout,
    ).map((row) => row.city);
    const [first, second] = [...new Set(cities)];
    const pick = (city: string) =>
      cli(['find', 'Leads', '--where', `city=${city}`, '--all']).then(
        (result) => json<{ id: string }[]>(result.stdout),
      );
    const expected = [...(await pick(first!)), ...(await pick(second!))]
      .map((row) => row.id)
      .sort();
    const result = await cli([
      'find',
      'Leads',
      '--where',
      `city=${first}`,
      '--where',
      `city=${second}`,
      '--any',
      '--all',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const ids = json<{ id: string }[]>(result.stdout).map((row) => row.id);
    expect(ids.sort()).toEqual(expected);
  });

  test('an API error exits 1 with a message on stderr', async () => {
    const result = await cli(['query', 'SELECT nosuchfield FROM Leads;']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: .*ACCESS_DENIED/m);
  });

  test('--verbose logs requests on stderr only', async () => {
    const result = await cli([
      '--verbose',
      'query',
      'SELECT id FROM Leads LIMIT 2;',
    ]);
    expect(result.code).toBe(0);
    expect(json<unknown[]>(result.stdout)).toHaveLength(2);
    expect(result.stderr).toContain('-> GET query');
    expect(result.stderr).toMatch(/<- query HTTP 200/);
  });
});

describe('changing records', () => {
  test('create, retrieve, update, revise and delete', async () => {
    const created = await cli([
      'create',
      'Leads',
      'lastname=Testperson',
      'company=Acme = Co',
      'city=Chicago',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const record = json<{ id: string; company: string }>(created.stdout);
    expect(record.id).toMatch(/^\d+x\d+$/);
    expect(record.company).toBe('Acme = Co');

    const updated = await cli(['update', record.id, 'city=Denver']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(
      json<{ city: string; lastname: string }>(updated.stdout),
    ).toMatchObject({
      city: 'Denver',
      lastname: 'Testperson',
    });

    const revised = await cli(
      ['revise', record.id, '--json', '-'],
      '{"city":"Boston"}',
    );
    expect(revised.code, revised.stderr).toBe(0);
    const retrieved = await cli(['retrieve', record.id]);
    expect(json<{ city: string }>(retrieved.stdout).city).toBe('Boston');

    const refused = await cli(['delete', record.id]);
    expect(refused.code).toBe(2);
    expect((await cli(['retrieve', record.id])).code).toBe(0);

    const deleted = await cli(['delete', record.id, '--yes']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await cli(['retrieve', record.id]);
    expect(gone.code).toBe(1);
  });

  test('create reads --json from stdin', async () => {
    const result = await cli(
      ['create', 'Contacts', '--json', '-'],
      JSON.stringify({ lastname: 'Fromstdin', email: 'stdin@example.com' }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(json<{ lastname: string }>(result.stdout).lastname).toBe(
      'Fromstdin',
    );
  });
});

describe('delete on a terminal', () => {
  async function runInProcess(args: string[], answer: string) {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let output = '';
    stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let messages = '';
    stderr.on('data', (chunk: Buffer) => {
      messages += chunk.toString();
      // Answer once the question is on screen.
      if (!stdin.writableEnded && messages.includes('[y/N]')) {
        stdin.end(`${answer}\n`);
      }
    });
    const code = await run(args, {
      stdin,
      stdout,
      stderr,
      env,
      cwd: home.path,
    });
    allOutput.push(output, messages);
    return { code, output, messages };
  }

  test('asks and deletes only on yes', async () => {
    const created = await cli(['create', 'Leads', 'lastname=Askme']);
    const { id } = json<{ id: string }>(created.stdout);

    const kept = await runInProcess(['delete', id], 'n');
    expect(kept.messages).toContain(`Delete record ${id}? [y/N]`);
    expect(kept.code).toBe(1);
    expect((await cli(['retrieve', id])).code).toBe(0);

    const deleted = await runInProcess(['delete', id], 'y');
    expect(deleted.code).toBe(0);
    expect((await cli(['retrieve', id])).code).toBe(1);
  });
});

describe('related, sync and codegen', () => {
  test('related types, add, query and list', async () => {
    const types = await cli([
      'related',
      'types',
      'Accounts',
      '--output',
      'csv',
    ]);
    expect(types.code, types.stderr).toBe(0);
    expect(types.stdout.split('\n')[0]).toBe('module,label');
    expect(types.stdout).toMatch(/^Contacts,/m);

    // The emulator links a contact to its account through account_id.
    const contacts = json<{ id: string; account_id: string | null }[]>(
      (await cli(['query', 'SELECT id, account_id FROM Contacts LIMIT 50;']))
        .stdout,
    );
    const contact = contacts.find((row) => row.account_id);
    expect(contact).toBeDefined();
    const account = { id: contact!.account_id! };
    const add = await cli(['related', 'add', account.id, contact!.id]);
    expect(add.code, add.stderr).toBe(0);

    const query = await cli([
      'related',
      'query',
      account.id,
      'SELECT id, lastname FROM Contacts;',
    ]);
    expect(query.code, query.stderr).toBe(0);
    const linked = json<{ id: string }[]>(query.stdout).map((row) => row.id);
    expect(linked).toContain(contact!.id);

    // delete_related exists only on Cloud REST; these tests use webservice.php.
    const remove = await cli(['related', 'remove', account.id, contact!.id]);
    expect(remove.code).toBe(1);
    expect(remove.stderr).toContain('--api rest');

    const list = await cli(['related', 'list', account.id, 'Contacts']);
    expect(list.code, list.stderr).toBe(0);
    expect(json<{ id: string }[]>(list.stdout).map((row) => row.id)).toContain(
      contact!.id,
    );
  });

  test('sync on stock 8.4.0 suggests find and export', async () => {
    const broken = await startEmulator({
      host: '127.0.0.1',
      port: 0,
      leads: 5,
      syncBroken: true,
    });
    try {
      const result = await runCli(
        ['sync', 'Leads', '--since', '2026-01-31'],
        home.path,
        { env: { ...env, VTIGER_URL: broken.url } },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'vtiger find Leads --where "modifiedtime>=2026-01-31 00:00:00" --all',
      );
      expect(result.stderr).toContain('vtiger export Leads --since 2026-01-31');
      expect(result.stderr).not.toContain('queryAll');
    } finally {
      await broken.close();
    }
  });

  test('related remove on webservice names --api rest', async () => {
    const result = await cli(['related', 'remove', '12x1', '10x1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Error: Vtiger operation delete_related exists only on the Cloud REST API, but this connection uses webservice.php. Pass --api rest (or set VTIGER_API=rest) if the server offers it.\n',
    );
  });

  test('sync answers or fails clearly', async () => {
    const result = await cli(['sync', 'Leads', '--since', '2000-01-01']);
    if (result.code === 0) {
      expect(
        json<{ updated: unknown[] }>(result.stdout).updated,
      ).toBeInstanceOf(Array);
    } else {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Error: .*sync/m);
    }
  });

  test('codegen writes a schema file', async () => {
    const result = await cli([
      'codegen',
      '--modules',
      'Leads,Contacts',
      '--out',
      'vtiger-schema.ts',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const source = await readFile(join(home.path, 'vtiger-schema.ts'), 'utf8');
    expect(source).toContain('export type VtigerSchema');
    expect(source).toMatch(/ {2}Leads: \{/);
    expect(source).toMatch(/ {2}Contacts: \{/);
  });
});

describe('limits and order', () => {
  test('query --max without --all cuts the rows', async () => {
    const result = await cli(['query', 'SELECT id FROM Leads;', '--max', '5']);
    expect(result.code, result.stderr).toBe(0);
    expect(json<unknown[]>(result.stdout)).toHaveLength(5);
    expect(result.stderr).not.toContain('--all');
  });

  test('find --desc alone sorts by id descending', async () => {
    const args = [
      'find',
      'Leads',
      '--desc',
      '--limit',
      '100',
      '--fields',
      'id',
    ];
    const dryRun = await cli([...args, '--dry-run']);
    expect(dryRun.stdout).toBe(
      'SELECT id FROM Leads ORDER BY id DESC LIMIT 100;\n',
    );
    const result = await cli(args);
    expect(result.code, result.stderr).toBe(0);
    const numbers = json<{ id: string }[]>(result.stdout).map((row) =>
      Number(row.id.split('x')[1]),
    );
    expect(numbers).toHaveLength(100);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(numbers[0]).toBeGreaterThan(numbers[99]!);
  });
});

describe('standard output failures', () => {
  test('a full disk prints one error line and exits 1', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const result = await runCli(
        ['query', 'SELECT id FROM Leads;'],
        home.path,
        { env, stdoutFd: fd },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^Error: Failed to write to standard output: ENOSPC[^\n]*\n$/,
      );
      expect(result.stderr).not.toContain('    at ');
    } finally {
      closeSync(fd);
    }
  });

  test('a reader that stops early ends the command cleanly', async () => {
    const child = spawn(
      process.execPath,
      [binPath, 'query', 'SELECT * FROM Leads;', '--all', '-o', 'jsonl'],
      { env: { PATH: process.env.PATH ?? '', HOME: home.path, ...env } },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // Like `| head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) =>
      child.on('close', resolve),
    );
    expect(code).toBe(0);
    expect(stderr).not.toContain('Error');
  });
});

describe('config file', () => {
  test('a broken file is skipped when the environment is complete', async () => {
    const configHome = join(home.path, 'broken-config');
    await mkdir(join(configHome, 'vtiger'), { recursive: true });
    const path = join(configHome, 'vtiger', 'config.json');
    await writeFile(path, '{bad');
    const withEnv = await runCli(['me'], home.path, {
      env: { ...env, XDG_CONFIG_HOME: configHome },
    });
    expect(withEnv.code, withEnv.stderr).toBe(0);
    expect(withEnv.stderr).toContain(`Warning: The config file ${path}`);
    const withProfile = await runCli(['--profile', 'main', 'me'], home.path, {
      env: { ...env, XDG_CONFIG_HOME: configHome },
    });
    expect(withProfile.code).toBe(2);
    expect(withProfile.stderr).toContain(path);
    expect(withProfile.stderr).toContain('Fix or delete it');
  });
});

describe('connection precedence', () => {
  test('environment beats a profile, flags beat both', async () => {
    const add = await runCli(
      [
        'profile',
        'add',
        'stale',
        '--url',
        emulator.url,
        '--username',
        emulator.username,
        '--access-key',
        'wrongAccessKey00000000',
      ],
      home.path,
    );
    expect(add.code).toBe(0);
    const profileOnly = await runCli(['types'], home.path);
    expect(profileOnly.code).toBe(1);
    const withEnv = await runCli(['types'], home.path, {
      env: { VTIGER_ACCESS_KEY: emulator.accessKey },
    });
    expect(withEnv.code, withEnv.stderr).toBe(0);
    const withFlag = await runCli(
      ['--access-key', 'anotherWrongKey0000000', 'types'],
      home.path,
      { env: { VTIGER_ACCESS_KEY: emulator.accessKey } },
    );
    expect(withFlag.code).toBe(1);
    expect(withFlag.stderr).not.toContain('anotherWrongKey0000000');
    await runCli(['profile', 'remove', 'stale'], home.path);
  });
});

test('no output contains a secret or session id', () => {
  expect(allOutput.length).toBeGreaterThan(30);
  expect(
    findLeakedSecrets([
      emulator.accessKey,
      'wrongAccessKey00000000',
      'anotherWrongKey0000000',
    ]),
  ).toEqual([]);
});
