import { open, type FileHandle } from 'node:fs/promises';

/** Size of each block that queued text is encoded into. */
const BLOCK_BYTES = 256 << 10;

/** Written blocks kept for reuse by one writer; more are left to the GC. */
const SPARE_BLOCKS = 4;

/**
 * Appends text to a file through one open handle. Text is encoded as UTF-8
 * straight into 256 KiB blocks, and the blocks are written in one call on
 * {@link FileWriter.flush}. The caller awaits `flush` when
 * {@link FileWriter.pendingBytes} grows, which is the backpressure: nothing
 * more is queued while a write is on its way to disk. Written blocks are
 * reused, because allocating a new block each time kept tens of
 * megabytes of garbage outside the V8 heap until the next GC.
 */
export class FileWriter {
  readonly path: string;
  #handle: FileHandle;
  #full: Buffer[] = [];
  /** Blocks whose bytes are queued in #full, reusable once written. */
  #filled: Buffer[] = [];
  #spare: Buffer[] = [];
  #block: Buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  #used = 0;
  #pendingBytes = 0;
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
          `${path} has ${size} bytes but the checkpoint expects at least ${keepBytes}`,
        );
      }
      await handle.truncate(keepBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new FileWriter(path, handle, keepBytes);
  }

  /** Bytes written to the file so far, not counting queued bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes queued and not yet written. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /**
   * Queues text (encoded as UTF-8) or bytes to append. A buffer of up to
   * 256 KiB is copied, so the caller may reuse it. A larger buffer is queued
   * as it is and must not change until the next flush.
   */
  write(chunk: string | Buffer): void {
    if (typeof chunk !== 'string') {
      if (chunk.length > BLOCK_BYTES) {
        this.#queueBuffer(chunk);
        return;
      }
      if (chunk.length > BLOCK_BYTES - this.#used) this.#retireBlock();
      chunk.copy(this.#block, this.#used);
      this.#used += chunk.length;
      this.#pendingBytes += chunk.length;
      return;
    }
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (chunk.length * 3 > BLOCK_BYTES - this.#used) {
      if (chunk.length * 3 > BLOCK_BYTES) {
        this.#queueBuffer(Buffer.from(chunk, 'utf8'));
        return;
      }
      this.#retireBlock();
    }
    const written = this.#block.write(chunk, this.#used, 'utf8');
    this.#used += written;
    this.#pendingBytes += written;
  }

  /** Queues a copy of `buffer[start..end)`; the caller may reuse the buffer. */
  writeBytes(buffer: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length > BLOCK_BYTES - this.#used) {
      if (length > BLOCK_BYTES) {
        this.#queueBuffer(Buffer.from(buffer.subarray(start, end)));
        return;
      }
      this.#retireBlock();
    }
    buffer.copy(this.#block, this.#used, start, end);
    this.#used += length;
    this.#pendingBytes += length;
  }

  #queueBuffer(buffer: Buffer): void {
    this.#retireBlock();
    this.#full.push(buffer);
    this.#pendingBytes += buffer.length;
  }

  #retireBlock(): void {
    if (this.#used === 0) return;
    this.#full.push(this.#block.subarray(0, this.#used));
    this.#filled.push(this.#block);
    this.#block = this.#spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.#used = 0;
  }

  /** Writes the queued bytes. Resolves when the operating system has them. */
  async flush(): Promise<void> {
    this.#retireBlock();
    const buffers = this.#full;
    if (buffers.length === 0) return;
    const filled = this.#filled;
    this.#full = [];
    this.#filled = [];
    this.#pendingBytes = 0;
    for (const buffer of buffers) {
      let offset = 0;
      while (offset < buffer.length) {
        const { bytesWritten } = await this.#handle.write(
          buffer,
          offset,
          buffer.length - offset,
          this.#bytes,
        );
        offset += bytesWritten;
        this.#bytes += bytesWritten;
      }
    }
    for (const block of filled) {
      if (this.#spare.length < SPARE_BLOCKS) this.#spare.push(block);
    }
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

  /** Closes the file without writing queued bytes. */
  async discard(): Promise<void> {
    this.#full = [];
    this.#filled = [];
    this.#spare = [];
    this.#used = 0;
    this.#pendingBytes = 0;
    await this.#handle.close();
  }
}
