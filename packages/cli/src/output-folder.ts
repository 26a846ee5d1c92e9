import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from './errors.js';

/**
 * Makes sure `path` is a folder, creating it and its missing parents one
 * level at a time. `option` names the flag in messages (`--out`).
 *
 * Each level gets its own non-recursive `mkdir`, because the recursive
 * `mkdir` of Node 20.20.2 never returns for a path under `/proc`
 * (`--out /proc/nope`), while a single level fails there with ENOENT.
 *
 * @throws {UsageError} when `path` or its nearest existing parent is a file.
 */
export async function prepareOutputFolder(
  path: string,
  option: string,
): Promise<void> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    const kind = await kindOf(current);
    if (kind === 'folder') break;
    if (kind === 'other') {
      throw new UsageError(
        current === path
          ? `Invalid ${option} ${path}: it is a file, not a folder. Give a folder path; the files are written inside it.`
          : `Invalid ${option} ${path}: ${current} is a file, so no folder can be created under it. Give a folder path.`,
      );
    }
    missing.unshift(current);
    const parent = dirname(current);
    // dirname of the root is the root; it always exists.
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await kindOf(folder)) === 'folder') continue;
      throw new Error(
        `Failed to create the folder ${folder} for ${option} (${code ?? (error as Error).message}). Check that its parent is a writable folder.`,
        { cause: error },
      );
    }
  }
}

async function kindOf(path: string): Promise<'missing' | 'folder' | 'other'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file sits higher up the path; the walk up finds it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new Error(
      `Failed to check the folder ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
