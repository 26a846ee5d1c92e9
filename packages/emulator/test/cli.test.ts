import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(
  new URL('../bin/vtiger-emulator.mjs', import.meta.url),
);
const BUILT = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));

describe('vtiger-emulator binary', () => {
  it('prints one JSON line and stops on SIGTERM', async () => {
    expect(
      existsSync(BUILT),
      'build the package first: pnpm --filter @vtiger/emulator build',
    ).toBe(true);
    const child = spawn(
      process.execPath,
      [BIN, '--port', '0', '--leads', '10', '--faults', '5xx=0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) =>
      lines.once('line', resolve),
    );
    const ready = JSON.parse(first) as {
      url: string;
      username: string;
      accessKey: string;
    };
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.username).toBe('admin');
    expect(ready.accessKey).toHaveLength(22);

    const response = await fetch(
      `${ready.url}/webservice.php?operation=getchallenge&username=admin`,
    );
    expect((await response.json()).success).toBe(true);

    const exit = new Promise<number | null>((resolve) =>
      child.once('exit', resolve),
    );
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('rejects a bad flag with a message', async () => {
    expect(existsSync(BUILT)).toBe(true);
    const child = spawn(process.execPath, [BIN, '--count-style', 'many'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', resolve),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid --count-style');
  });

  it.each([
    [['--faults', '5xx=2'], 'Invalid value for fault "5xx"', 'from 0 to 1'],
    [['--faults', 'reset=-0.5'], 'Invalid value for fault "reset"', '"-0.5"'],
    [
      ['--faults', 'expire-every=2.5'],
      'Invalid value for fault "expire-every"',
      'whole number',
    ],
    [['--port', '99999'], 'Invalid --port', 'from 0 to 65535'],
    [['--port=-1'], 'Invalid --port', '"-1"'],
  ])('rejects out-of-range %j with exit 2', async (args, problem, range) => {
    const { code, stderr } = await runBinary(args);
    expect(code).toBe(2);
    expect(stderr).toContain(problem);
    expect(stderr).toContain(range);
  });
});

async function runBinary(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  expect(existsSync(BUILT)).toBe(true);
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', resolve),
  );
  // A started server would never exit by itself, so reaching this line
  // already shows that the flag was rejected.
  return { code, stderr };
}
