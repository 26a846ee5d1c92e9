import type { Command } from 'commander';

/** Adds an "Examples" section to a command's `--help`. */
export function withExamples(command: Command, ...examples: string[]): Command {
  return command.addHelpText(
    'after',
    `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`,
  );
}
