import type { Sink } from './sinks/sink.js';
import type { ExportRecord } from './types.js';
import type { PackedRecords } from './walk.js';

/** Size of the buffer that a record's JSON text is encoded into. */
export const SCRATCH_BYTES = 256 * 1024;

/** The buffer of an encoded page is a multiple of this size. */
const PAGE_BLOCK = 32 * 1024;

/**
 * Encodes fetched pages into the bytes the sinks write: per record its
 * JSON text and its CSV row, in one buffer per page. A page that waits
 * for earlier ranges then keeps a few buffers outside the V8 heap instead
 * of a hundred objects with dozens of strings each. Such objects lived long
 * enough to reach V8's old generation, whose growth set the peak memory of
 * large exports.
 */
export class PagePacker {
  readonly #sinks: readonly Sink[];
  readonly #csv: Sink | undefined;
  readonly #needsJson: boolean;
  #scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  /**
   * Buffers of pages that were written, kept for reuse. They are never more
   * than the pages the walk held at once. A dropped buffer stayed in memory
   * until V8's next full collection, because waiting pages reach the old
   * generation.
   */
  readonly #free: Buffer[] = [];

  constructor(sinks: readonly Sink[]) {
    this.#sinks = sinks;
    this.#csv = sinks.find((sink) => sink.format === 'csv');
    this.#needsJson = sinks.some((sink) => sink.format !== 'csv');
  }

  pack(records: readonly ExportRecord[]): PackedRecords {
    const count = records.length;
    // Record i: JSON text at [offsets[2i], offsets[2i+1]), CSV row at
    // [offsets[2i+1], offsets[2i+2]).
    const offsets = new Uint32Array(count * 2 + 1);
    // Records with keys outside the CSV header, written the slow way.
    let odd: ExportRecord[] | undefined;
    let used = 0;
    for (let index = 0; index < count; index += 1) {
      const record = records[index] as ExportRecord;
      offsets[index * 2] = used;
      if (this.#needsJson) used = this.#append(JSON.stringify(record), used);
      offsets[index * 2 + 1] = used;
      if (this.#csv !== undefined) {
        const row = this.#csv.encodeRow?.(record);
        if (row === undefined) (odd ??= [])[index] = record;
        else used = this.#append(row, used);
      }
    }
    offsets[count * 2] = used;
    const bytes = this.#take(used);
    this.#scratch.copy(bytes, 0, 0, used);
    const sinks = this.#sinks;
    const free = this.#free;
    return {
      release() {
        free.push(bytes);
      },
      write(index: number) {
        const json = offsets[index * 2] as number;
        const row = offsets[index * 2 + 1] as number;
        const end = offsets[index * 2 + 2] as number;
        for (const sink of sinks) {
          if (sink.format !== 'csv') sink.writeBytes(bytes, json, row);
          else if (odd?.[index] !== undefined) sink.write(odd[index], bytes);
          else sink.writeBytes(bytes, row, end);
        }
      },
    };
  }

  /**
   * Returns a buffer of at least `size` bytes, reusing one of a written
   * page. Buffers of waiting pages outlive a few scavenges and reach V8's old
   * generation, so a new buffer per page left their memory outside the heap
   * until the next full collection.
   */
  #take(size: number): Buffer {
    const free = this.#free;
    for (let index = free.length - 1; index >= 0; index -= 1) {
      const buffer = free[index] as Buffer;
      if (buffer.length >= size) {
        free[index] = free[free.length - 1] as Buffer;
        free.pop();
        return buffer;
      }
    }
    return Buffer.allocUnsafeSlow(Math.ceil(size / PAGE_BLOCK) * PAGE_BLOCK);
  }

  /** Encodes `text` into the scratch buffer at `used`, growing it as needed. */
  #append(text: string, used: number): number {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const room = used + text.length * 3;
    if (room > this.#scratch.length) {
      const grown = Buffer.allocUnsafe(
        Math.max(room, this.#scratch.length * 2),
      );
      this.#scratch.copy(grown, 0, 0, used);
      this.#scratch = grown;
    }
    return used + this.#scratch.write(text, used, 'utf8');
  }
}
