import { run } from './run.js';

// A reader that stops early (`vtiger query ... | head`) closes the pipe;
// that ends the output, not the command with a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2));
