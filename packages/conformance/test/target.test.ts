import { describe, expect, it } from 'vitest';
import { chooseTarget, isLoopbackHost } from './support/target.js';

const live = {
  VTIGER_USERNAME: 'admin',
  VTIGER_ACCESS_KEY: 'not-a-real-key',
};

describe('chooseTarget', () => {
  it('uses the emulator without variables', () => {
    expect(chooseTarget({})).toEqual({ kind: 'emulator' });
  });

  it('treats empty variables as unset', () => {
    expect(
      chooseTarget({
        VTIGER_URL: '',
        VTIGER_USERNAME: '',
        VTIGER_ACCESS_KEY: '',
      }),
    ).toEqual({ kind: 'emulator' });
  });

  it('accepts a loopback server', () => {
    expect(
      chooseTarget({ ...live, VTIGER_URL: 'http://127.0.0.1:8088' }),
    ).toEqual({
      kind: 'live',
      url: 'http://127.0.0.1:8088',
      username: 'admin',
      accessKey: 'not-a-real-key',
      api: 'auto',
    });
  });

  it('rejects a remote host without opt-in', () => {
    expect(() =>
      chooseTarget({ ...live, VTIGER_URL: 'https://crm.example.com' }),
    ).toThrow(
      /^Refusing to run the conformance suite against https:\/\/crm\.example\.com: its host is not loopback\. Set VTIGER_LIVE_ALLOW_REMOTE=1/,
    );
  });

  it('accepts a remote host with opt-in', () => {
    const target = chooseTarget({
      ...live,
      VTIGER_URL: 'https://crm.example.com',
      VTIGER_LIVE_ALLOW_REMOTE: '1',
      VTIGER_API: 'rest',
    });
    expect(target).toMatchObject({ kind: 'live', api: 'rest' });
  });

  it('rejects a partial configuration', () => {
    expect(() => chooseTarget({ VTIGER_URL: 'http://127.0.0.1' })).toThrow(
      'VTIGER_URL set but VTIGER_USERNAME, VTIGER_ACCESS_KEY missing',
    );
  });

  it('rejects an unknown flavour', () => {
    expect(() =>
      chooseTarget({
        ...live,
        VTIGER_URL: 'http://localhost',
        VTIGER_API: 'soap',
      }),
    ).toThrow('VTIGER_API "soap" is invalid');
  });

  it('never puts the access key in an error', () => {
    expect(() =>
      chooseTarget({ ...live, VTIGER_URL: 'https://crm.example.com' }),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('not-a-real-key'),
      }),
    );
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['localhost', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['127.0.0.1.example.com', false],
    ['10.0.0.1', false],
    ['[::2]', false],
  ])('%s is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
