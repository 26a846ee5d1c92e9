import { Vtiger } from '@vtiger/core';
import { startEmulator, type RunningEmulator } from '@vtiger/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatedRecords, createRunMarker } from './support/created-records.js';

let emulator: RunningEmulator;
let client: Vtiger;

beforeAll(async () => {
  emulator = await startEmulator({ leads: 3, contacts: 1, accounts: 1 });
  client = new Vtiger({
    url: emulator.url,
    username: emulator.username,
    accessKey: emulator.accessKey,
    api: 'webservice',
  });
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function createLead(lastname: string): Promise<string> {
  const lead = await client.create('Leads', {
    lastname,
    assigned_user_id: '19x1',
  });
  return lead.id;
}

describe('CreatedRecords', () => {
  it('deletes registered records', async () => {
    const records = new CreatedRecords(createRunMarker());
    const id = await createLead(`${records.marker} kept`);
    records.add(client, id, 'lastname');
    const report = await records.deleteAll();
    expect(report.deleted).toEqual([id]);
    expect(report.left).toEqual([]);
    expect(records.ids).toEqual([]);
    await expect(client.retrieve(id)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
    });
  });

  it('leaves a record without the marker', async () => {
    const records = new CreatedRecords(createRunMarker());
    const id = await createLead('Someone else');
    records.add(client, id, 'lastname');
    const report = await records.deleteAll();
    expect(report.deleted).toEqual([]);
    expect(report.left.map((entry) => entry.id)).toEqual([id]);
    expect((await client.retrieve(id))['lastname']).toBe('Someone else');
    await client.delete(id);
  });

  it('counts an already deleted record as gone', async () => {
    const records = new CreatedRecords(createRunMarker());
    const id = await createLead(`${records.marker} gone`);
    records.add(client, id, 'lastname');
    await client.delete(id);
    const report = await records.deleteAll();
    expect(report.missing).toEqual([id]);
    expect(report.deleted).toEqual([]);
  });

  it('rejects changes to unregistered ids', () => {
    const records = new CreatedRecords(createRunMarker());
    expect(() => records.assertOwned('10x1')).toThrow(
      /Record 10x1 was not created by this conformance run/,
    );
  });
});

describe('createRunMarker', () => {
  it('draws a new marker each time', () => {
    const first = createRunMarker();
    expect(first).toMatch(/^vtiger-conformance-[0-9a-f]{12}$/);
    expect(createRunMarker()).not.toBe(first);
  });
});
