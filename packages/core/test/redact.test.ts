import { describe, expect, test } from 'vitest';
import { Redactor } from '../src/redact.js';

describe('Redactor', () => {
  test('removes registered secrets', () => {
    const redactor = new Redactor();
    redactor.add('s3cretKey123');
    expect(redactor.redact('key s3cretKey123 here')).toBe(
      'key [REDACTED] here',
    );
  });

  test('removes session and key parameters', () => {
    const redactor = new Redactor();
    expect(
      redactor.redact(
        'GET /webservice.php?operation=query&sessionName=abc123&x=1',
      ),
    ).toBe('GET /webservice.php?operation=query&sessionName=[REDACTED]&x=1');
    expect(redactor.redact('accessKey=0123456789abcdef')).toBe(
      'accessKey=[REDACTED]',
    );
    expect(redactor.redact('{"sessionName":"abc","userId":"19x1"}')).toBe(
      '{"sessionName":"[REDACTED]","userId":"19x1"}',
    );
    expect(redactor.redact('Authorization: Basic YWRtaW46a2V5')).toBe(
      'Authorization: Basic [REDACTED]',
    );
  });

  test('ignores very short values', () => {
    const redactor = new Redactor();
    redactor.add('ab');
    expect(redactor.redact('abc')).toBe('abc');
  });

  test('excerpt is short and redacted', () => {
    const redactor = new Redactor();
    redactor.add('topsecret');
    const excerpt = redactor.excerpt(`topsecret${'x'.repeat(500)}`);
    expect(excerpt.startsWith('[REDACTED]')).toBe(true);
    expect(excerpt).toHaveLength(200);
  });
});
