/**
 * The conformance suite. Without VTIGER_URL, VTIGER_USERNAME and
 * VTIGER_ACCESS_KEY it starts the bundled emulator on 127.0.0.1 and runs every
 * check over both API flavours. With them it runs once against that server.
 */
import { Vtiger } from '@vtiger/core';
import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import { afterAll, beforeAll, describe } from 'vitest';
import { createCheck } from './support/check.js';
import {
  CreatedRecords,
  createRunMarker,
  type CleanupReport,
} from './support/created-records.js';
import { firstLine, OutcomeLog } from './support/outcomes.js';
import { markerFields } from './support/own-records.js';
import { select } from '@vtiger/query-builder';
import { findOwnerId, detectFlavour } from './support/connect.js';
import type { CheckGroup, TargetRun } from './support/session.js';
import {
  chooseTarget,
  type ApiFlavour,
  type TargetChoice,
} from './support/target.js';
import { metadataChecks } from './groups/metadata.js';
import { recordChecks } from './groups/records.js';
import { queryChecks } from './groups/queries.js';
import { builderChecks } from './groups/builder.js';
import { relatedChecks } from './groups/related.js';
import { sessionChecks } from './groups/sessions.js';
import { syncChecks } from './groups/sync.js';
import { exportChecks } from './groups/export.js';
import { flavourOnlyChecks } from './groups/flavour-only.js';

const groups: CheckGroup[] = [
  metadataChecks,
  recordChecks,
  queryChecks,
  builderChecks,
  relatedChecks,
  syncChecks,
  exportChecks,
  flavourOnlyChecks,
  // Session checks expire or end sessions, so they run last.
  sessionChecks,
];

let choice: TargetChoice;
try {
  choice = chooseTarget(process.env);
} catch (error) {
  // One clear line before vitest's own report of the failed file.
  console.error((error as Error).message);
  throw error;
}

const log = new OutcomeLog();
const notes: string[] = [];
const marker = createRunMarker();

// Small on purpose: the suite runs in CI next to every other package. 230
// Leads still spans three 100-row pages.
const emulatorOptions = { seed: 8, leads: 230, contacts: 40, accounts: 20 };
let emulator: RunningEmulator | undefined;

beforeAll(async () => {
  if (choice.kind === 'emulator')
    emulator = await startEmulator(emulatorOptions);
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  notes.push(`run marker ${marker}`);
  console.error(log.format(notes));
});

const flavours: (ApiFlavour | 'auto')[] =
  choice.kind === 'emulator' ? ['webservice', 'rest'] : [choice.api];

for (const requested of flavours) {
  describe(`${choice.kind}/${requested}`, () => {
    let run: TargetRun | undefined;
    let label = `${choice.kind}/${requested}`;
    const check = createCheck(log, () => label);

    beforeAll(async () => {
      const connection =
        choice.kind === 'live'
          ? {
              url: choice.url,
              username: choice.username,
              accessKey: choice.accessKey,
            }
          : connectionOf(emulator);
      const client = new Vtiger({
        ...connection,
        api: requested,
        concurrency: 2,
      });
      try {
        const flavour = await detectFlavour(client);
        label = `${choice.kind}/${flavour}`;
        run = {
          label,
          flavour,
          live: choice.kind === 'live',
          client,
          connection,
          emulator,
          records: new CreatedRecords(marker),
          ownerId: await findOwnerId(client, flavour, connection.username),
        };
      } catch (error) {
        // vitest runs none of the checks after a failed beforeAll, so the
        // summary names the cause here.
        log.add({
          target: label,
          operation: 'connect',
          status: 'failed',
          detail: firstLine(error),
        });
        await client.close();
        throw error;
      }
    }, 60_000);

    afterAll(async () => {
      if (run === undefined) return;
      const report = await run.records.deleteAll();
      notes.push(describeCleanup(run.label, report));
      notes.push(await findLeftovers(run));
      await run.client.close();
    }, 300_000);

    const current = (): TargetRun => {
      if (run === undefined) {
        throw new Error(`Connecting to ${label} failed; see beforeAll.`);
      }
      return run;
    };
    for (const group of groups) group(check, current);
  });
}

function connectionOf(running: RunningEmulator | undefined): {
  url: string;
  username: string;
  accessKey: string;
} {
  if (running === undefined) throw new Error('The emulator did not start.');
  return {
    url: running.url,
    username: running.username,
    accessKey: running.accessKey,
  };
}

/**
 * Searches every module the suite writes for records that still carry the
 * run marker after the cleanup, and describes what it found.
 */
async function findLeftovers(run: TargetRun): Promise<string> {
  const found: string[] = [];
  try {
    for (const [module, field] of Object.entries(markerFields)) {
      const rows = await run.client.query(
        select('id')
          .from(module)
          .where(field, 'startsWith', run.records.marker)
          .limit(100),
      );
      found.push(...rows.map((row) => row.id));
    }
  } catch (error) {
    return `${run.label} leftover search failed: ${firstLine(error)}`;
  }
  return found.length === 0
    ? `${run.label} leftover search: no record with the run marker remains`
    : `${run.label} leftover search: STILL MARKED ${found.join(', ')}`;
}

function describeCleanup(label: string, report: CleanupReport): string {
  const parts = [`${label} cleanup: deleted ${report.deleted.length}`];
  if (report.missing.length > 0) {
    parts.push(`already gone ${report.missing.length}`);
  }
  if (report.left.length > 0) {
    const left = report.left.map(({ id, reason }) => `${id} (${reason})`);
    parts.push(`LEFT IN PLACE ${left.join('; ')}`);
  }
  return parts.join(', ');
}
