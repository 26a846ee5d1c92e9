/**
 * Everything one target run shares: the client, the created-records
 * registry, the owner id for new records and the `check()` function.
 */
import type { Vtiger } from '@vtiger/core';
import type { RunningEmulator } from '@vtiger/emulator';
import type { Check } from './check.js';
import type { CreatedRecords } from './created-records.js';
import type { ApiFlavour } from './target.js';

export interface TargetRun {
  /** `emulator/rest`, `emulator/webservice` or `live/<flavour>`. */
  label: string;
  /** Flavour the client speaks. */
  flavour: ApiFlavour;
  /** Whether the target is a real server named by VTIGER_URL. */
  live: boolean;
  client: Vtiger;
  /** Connection of the client, for a second client in the same target. */
  connection: { url: string; username: string; accessKey: string };
  /** The emulator, when the suite started one. */
  emulator: RunningEmulator | undefined;
  records: CreatedRecords;
  /** User id (`19x1`) to put into `assigned_user_id`. */
  ownerId: string;
}

/** A group of checks, defined inside the `describe` of one target. */
export type CheckGroup = (check: Check, run: () => TargetRun) => void;
