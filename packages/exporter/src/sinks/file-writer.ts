import { open, type FileHandle } from 'node:fs/promises';

/**
 * Appends text to a file through one open handle, in large writes. The
 * caller awaits {@link FileWriter.flush} when {@link FileWriter.pendingChars}
 * grows, which is the backpressure: nothing more is queued while a write is
 * on its way to disk.
 */
export class FileWriter {
  readonly path: string;
  #handle: FileHandle;
  #pending: (string | Buffer)[] = [];
  #pendingChars = 0;
  #bytes: number;

  private constructor(path: string, handle: FileHandle, bytes: number) {
    this.path = path;
    this.#handle = handle;
    this.#bytes = bytes;
  }

  /**
   * Opens `path` for writing. With `keepBytes`, the file is cut to that
   * length and writing continues from there (used on resume); otherwise the
   * file is created empty.
   */
  static async open(path: string, keepBytes?: number): Promise<FileWriter> {
    if (keepBytes === undefined) {
      const handle = await open(path, 'w');
      return new FileWriter(path, handle, 0);
    }
    const handle = await open(path, 'r+');
    try {
      const { size } = await handle.stat();
      if (size < keepBytes) {
        throw new Error(
          `Cannot resume: ${path} has ${size} bytes but the checkpoint expects at least ${keepBytes}. Start the export again without resume.`,
        );
      }
      await handle.truncate(keepBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new FileWriter(path, handle, keepBytes);
  }

  /** Bytes written to the file so far, not counting pending text. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Characters queued and not yet written. */
  get pendingChars(): number {
    return this.#pendingChars;
  }

  /** Queues text (UTF-8) or bytes to append. */
  write(chunk: string | Buffer): void {
    this.#pending.push(chunk);
    this.#pendingChars += chunk.length;
  }

  /** Writes the queued text. Resolves when the operating system has it. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const buffer = toBuffer(this.#pending);
    this.#pending = [];
    this.#pendingChars = 0;
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await this.#handle.write(
        buffer,
        offset,
        buffer.length - offset,
        this.#bytes + offset,
      );
      offset += bytesWritten;
    }
    this.#bytes += buffer.length;
  }

  /** Flushes, syncs to disk and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
      await this.#handle.sync();
    } finally {
      await this.#handle.close();
    }
  }

  /** Closes the file without writing queued text. */
  async discard(): Promise<void> {
    this.#pending = [];
    this.#pendingChars = 0;
    await this.#handle.close();
  }
}

function toBuffer(chunks: readonly (string | Buffer)[]): Buffer {
  if (chunks.every((chunk) => typeof chunk === 'string')) {
    return Buffer.from(chunks.join(''), 'utf8');
  }
  return Buffer.concat(
    chunks.map((chunk) =>
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk,
    ),
  );
}
