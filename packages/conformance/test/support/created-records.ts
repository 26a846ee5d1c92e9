/**
 * The ids of every record the suite created, so that it deletes them at the
 * end (also after a failed test) and never touches a record it did not create.
 */
import { randomBytes } from 'node:crypto';

/** Operations the registry needs from a client. */
export interface RecordDeleter {
  retrieve(id: string): Promise<Record<string, unknown>>;
  delete(id: string): Promise<unknown>;
}

/** Creates the marker that tags every record of one run. */
export function createRunMarker(): string {
  return `vtiger-conformance-${randomBytes(6).toString('hex')}`;
}

interface Entry {
  id: string;
  client: RecordDeleter;
  /** Field that contains the run marker, checked again before the delete. */
  markerField: string;
}

/** Result of {@link CreatedRecords.deleteAll}. */
export interface CleanupReport {
  deleted: string[];
  /** Records that were already gone (a test deleted them). */
  missing: string[];
  /** Records left in place, with the reason. */
  left: { id: string; reason: string }[];
}

export class CreatedRecords {
  readonly marker: string;
  readonly #entries = new Map<string, Entry>();

  constructor(marker: string) {
    this.marker = marker;
  }

  /** Registers a record this run created. Call it right after `create`. */
  add(client: RecordDeleter, id: string, markerField: string): void {
    this.#entries.set(id, { id, client, markerField });
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Removes an id from the registry after a test deleted the record. */
  forget(id: string): void {
    this.#entries.delete(id);
  }

  get ids(): string[] {
    return [...this.#entries.keys()];
  }

  /**
   * Throws unless `id` is a record this run created. Call before any update,
   * revise or delete.
   */
  assertOwned(id: string): void {
    if (!this.#entries.has(id)) {
      throw new Error(
        `Record ${id} was not created by this conformance run (${this.marker}); the suite changes only its own records.`,
      );
    }
  }

  /**
   * Deletes every registered record. Before each delete it retrieves the
   * record and checks that the marker field still contains the run marker,
   * so a recycled or reused id never leads to deleting someone else's data.
   */
  async deleteAll(): Promise<CleanupReport> {
    const report: CleanupReport = { deleted: [], missing: [], left: [] };
    for (const entry of [...this.#entries.values()].reverse()) {
      let current: Record<string, unknown>;
      try {
        current = await entry.client.retrieve(entry.id);
      } catch (error) {
        if (isGone(error)) {
          report.missing.push(entry.id);
          this.#entries.delete(entry.id);
        } else {
          report.left.push({ id: entry.id, reason: messageOf(error) });
        }
        continue;
      }
      const value = current[entry.markerField];
      if (typeof value !== 'string' || !value.includes(this.marker)) {
        report.left.push({
          id: entry.id,
          reason: `field ${entry.markerField} no longer contains the run marker, so it was not deleted`,
        });
        continue;
      }
      try {
        await entry.client.delete(entry.id);
        report.deleted.push(entry.id);
        this.#entries.delete(entry.id);
      } catch (error) {
        report.left.push({ id: entry.id, reason: messageOf(error) });
      }
    }
    return report;
  }
}

// A deleted or unknown id reads as ACCESS_DENIED or RECORD_NOT_FOUND on
// Vtiger 8.4.0.
function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ACCESS_DENIED' || code === 'RECORD_NOT_FOUND';
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? '';
}
