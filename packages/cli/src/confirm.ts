import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io.js';

/** Asks a yes/no question on the terminal; only `y` or `yes` confirms. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const prompt = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
