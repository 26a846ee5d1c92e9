import { run } from './run.js';

// A reader that stops early (`vtiger query ... | head`) closes the pipe;
// that ends the output, not the command with a crash. Any other write
// failure (a full disk: ENOSPC) ends the command with one error line.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(
    `Error: Failed to write to standard output: ${error.message}\n`,
  );
  process.exit(1);
});

process.exitCode = await run(process.argv.slice(2));
