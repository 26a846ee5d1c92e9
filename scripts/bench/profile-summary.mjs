// Sums the self time of a V8 .cpuprofile (written by `node --cpu-prof`) per
// function and returns the largest entries.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function shortUrl(url) {
  if (url === '') return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inRepo = relative(root, path);
  if (inRepo.startsWith('..')) return path;
  // pnpm stores dependencies under node_modules/.pnpm/<name>@<version>/node_modules/<name>.
  const store = inRepo.match(
    /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/,
  );
  return store === null ? inRepo : store[1];
}

/**
 * Returns the `top` functions by self time, each as
 * `{ name, location, selfMs, share }` where share is of the whole profile.
 */
export function summarizeProfile(path, top = 15) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  // timeDeltas[i] is the time before samples[i] was taken, in microseconds.
  for (let index = 0; index < profile.samples.length; index += 1) {
    const id = profile.samples[index];
    selfMicros.set(
      id,
      (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0),
    );
  }
  const totals = new Map();
  let all = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    const location =
      callFrame.url === ''
        ? ''
        : `${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    const key = `${name}\u0000${location}`;
    totals.set(key, (totals.get(key) ?? 0) + micros);
    all += micros;
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, micros]) => {
      const [name, location] = key.split('\u0000');
      return { name, location, selfMs: micros / 1000, share: micros / all };
    });
}
