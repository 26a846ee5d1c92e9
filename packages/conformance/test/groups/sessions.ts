/**
 * Session handling on webservice.php: expiry with a transparent new login,
 * extendsession and logout. Cloud REST sends HTTP Basic credentials with
 * every request and has no session, so these checks skip there.
 */
import { Vtiger, VtigerAuthError } from '@vtiger/core';
import { expect } from 'vitest';
import type { CheckGroup } from '../support/session.js';

const noSession =
  'Cloud REST authenticates every request with HTTP Basic and has no session';

export const sessionChecks: CheckGroup = (check, run) => {
  check('getchallenge and login', async ({ skip }) => {
    if (run().flavour !== 'webservice') skip(noSession);
    const client = new Vtiger({ ...run().connection, api: 'webservice' });
    const logins: { username: string; userId: string }[] = [];
    client.subscribe((event) => {
      if (event.type === 'login') logins.push(event);
    });
    try {
      await client.listTypes();
      expect(logins).toHaveLength(1);
      expect(logins[0]?.username).toBe(run().connection.username);
      expect(logins[0]?.userId).toBe(run().ownerId);
    } finally {
      await client.close();
    }
  });

  check('login: wrong access key fails', async () => {
    const wrongKey = 'conformanceWrongKey000';
    const client = new Vtiger({
      ...run().connection,
      accessKey: wrongKey,
      api: run().flavour,
    });
    try {
      const error: unknown = await client.listTypes().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(VtigerAuthError);
      const text = `${String(error)} ${JSON.stringify(error)}`;
      expect(text).not.toContain(wrongKey);
      expect(text).not.toContain(run().connection.accessKey);
    } finally {
      await client.close();
    }
  });

  check('extendsession', async ({ skip }) => {
    if (run().flavour !== 'webservice') skip(noSession);
    await run().client.call('extendsession');
    const rows = await run().client.query('SELECT id FROM Leads LIMIT 1;');
    expect(rows.length).toBeLessThanOrEqual(1);
  });

  check('logout', async ({ skip }) => {
    if (run().flavour !== 'webservice') skip(noSession);
    // A second client, so that the shared client keeps its sessions.
    const client = new Vtiger({ ...run().connection, api: 'webservice' });
    try {
      await client.query('SELECT id FROM Leads LIMIT 1;');
      await client.logout();
      // After a logout the client logs in again on the next call.
      const rows = await client.query('SELECT id FROM Leads LIMIT 1;');
      expect(rows.length).toBeLessThanOrEqual(1);
    } finally {
      await client.close();
    }
  });

  check('session expiry: new login and replay', async ({ skip }) => {
    if (run().flavour !== 'webservice') skip(noSession);
    const emulator = run().emulator;
    if (emulator === undefined) {
      return skip(
        'a real server cannot be told to expire sessions; the emulator run covers this',
      );
    }
    const events: string[] = [];
    const unsubscribe = run().client.subscribe((event) => {
      events.push(event.type);
    });
    try {
      // Two overlapping queries (slowed down by the emulator so that they
      // overlap) make the client open both pooled sessions, so every
      // session the next call could pick is expired.
      emulator.setLatency(50);
      try {
        await Promise.all([
          run().client.query('SELECT id FROM Leads LIMIT 1;'),
          run().client.query('SELECT id FROM Leads LIMIT 1;'),
        ]);
      } finally {
        emulator.setLatency(0);
      }
      const loginsBefore = emulator.stats.logins;
      emulator.expireSessions();
      const rows = await run().client.query('SELECT id FROM Leads LIMIT 2;');
      expect(rows).toHaveLength(2);
      expect(emulator.stats.logins).toBeGreaterThan(loginsBefore);
      expect(events).toContain('relogin');
    } finally {
      unsubscribe();
    }
  });
};
