import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  VtigerApiError,
  VtigerAuthError,
  VtigerError,
  VtigerHttpError,
  VtigerNetworkError,
  VtigerQueryPagingError,
  VtigerResponseError,
  VtigerTimeoutError,
  VtigerUnsupportedOperationError,
  isVtigerError,
} from '../src/index.js';

describe('isVtigerError', () => {
  test('accepts every subclass', () => {
    const errors = [
      new VtigerError('x'),
      new VtigerApiError({
        operation: 'query',
        code: 'ACCESS_DENIED',
        apiMessage: 'denied',
        status: 200,
      }),
      new VtigerAuthError({
        operation: 'login',
        code: 'INVALID_USER_CREDENTIALS',
        apiMessage: 'bad',
        status: 200,
      }),
      new VtigerNetworkError({
        operation: 'query',
        target: 'GET x',
        code: 'ECONNRESET',
        outcomeUnknown: true,
      }),
      new VtigerTimeoutError({
        operation: 'query',
        target: 'GET x',
        timeout: 5,
      }),
      new VtigerHttpError({
        operation: 'sync',
        target: 'GET x',
        status: 500,
        statusText: 'Internal Server Error',
        excerpt: '',
        retryable: true,
      }),
      new VtigerResponseError({
        operation: 'query',
        target: 'GET x',
        status: 200,
        problem: 'not-json',
        excerpt: '<html>',
      }),
      new VtigerUnsupportedOperationError('me', 'webservice'),
      new VtigerQueryPagingError('SELECT count(*) FROM Leads;', 'no rows'),
    ];
    for (const error of errors) {
      expect(isVtigerError(error), error.name).toBe(true);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
    }
  });

  test('works across package copies', () => {
    const foreign = Object.create({
      [Symbol.for('@vtiger/core/VtigerError')]: true,
    }) as object;
    expect(isVtigerError(foreign)).toBe(true);
  });

  test('instanceof works across package copies', () => {
    const marker = Symbol.for('@vtiger/core/VtigerApiError');
    const foreign = Object.create({
      [Symbol.for('@vtiger/core/VtigerError')]: true,
      [marker]: true,
    }) as object;
    expect(foreign instanceof VtigerApiError).toBe(true);
    expect(foreign instanceof VtigerError).toBe(true);
    expect(foreign instanceof VtigerAuthError).toBe(false);
  });

  test('instanceof follows the class tree', () => {
    const auth = new VtigerAuthError({
      operation: 'login',
      code: 'INVALID_USER_CREDENTIALS',
      apiMessage: 'bad',
      status: 200,
    });
    expect(auth instanceof VtigerApiError).toBe(true);
    expect(auth instanceof VtigerError).toBe(true);
    expect(new VtigerError('x') instanceof VtigerApiError).toBe(false);
    expect(new Error('x') instanceof VtigerError).toBe(false);
  });

  test('rejects other values', () => {
    expect(isVtigerError(new Error('x'))).toBe(false);
    expect(isVtigerError(null)).toBe(false);
    expect(isVtigerError('VtigerError')).toBe(false);
  });
});

describe('error messages', () => {
  test('API error names operation, code and fix', () => {
    const error = new VtigerApiError({
      operation: 'query',
      code: 'QUERY_SYNTAX_ERROR',
      apiMessage: 'Syntax Error on line 1',
      status: 200,
      hint: 'Check the VTQL.',
    });
    expect(error.message).toBe(
      'Vtiger operation query failed with QUERY_SYNTAX_ERROR: Syntax Error on line 1. Check the VTQL.',
    );
    expect(error.code).toBe('QUERY_SYNTAX_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(200);
  });

  test.each([
    ['Permission denied.', 'Permission denied. Next.'],
    ['Done!', 'Done! Next.'],
    ['  spaced  ', 'spaced. Next.'],
  ])('API message %j ends as a sentence', (apiMessage, ending) => {
    const error = new VtigerApiError({
      operation: 'retrieve',
      code: 'ACCESS_DENIED',
      apiMessage,
      status: 200,
      hint: 'Next.',
    });
    expect(error.message).toBe(
      `Vtiger operation retrieve failed with ACCESS_DENIED: ${ending}`,
    );
  });

  test('empty API message leaves no colon', () => {
    const error = new VtigerApiError({
      operation: 'query',
      code: 'INTERNAL_SERVER_ERROR',
      apiMessage: '',
      status: 200,
    });
    expect(error.message).toBe(
      'Vtiger operation query failed with INTERNAL_SERVER_ERROR.',
    );
  });

  test('unsupported operation names the other flavour', () => {
    const error = new VtigerUnsupportedOperationError('me', 'webservice');
    expect(error.message).toMatch(/only on the Cloud REST API/u);
    expect(error.message).toMatch(/api: 'rest'/u);
  });

  test('HTTP error shows the empty body', () => {
    const error = new VtigerHttpError({
      operation: 'sync',
      target: 'GET http://h/webservice.php',
      status: 500,
      statusText: 'Internal Server Error',
      excerpt: '',
      retryable: true,
    });
    expect(error.message).toContain(
      'HTTP 500 Internal Server Error and an empty body',
    );
  });

  test('inspect shows fields, not secrets', () => {
    const error = new VtigerNetworkError({
      operation: 'create',
      target: 'POST http://h/webservice.php',
      code: 'ECONNRESET',
      outcomeUnknown: true,
    });
    expect(inspect(error)).toContain('outcomeUnknown: true');
  });
});
