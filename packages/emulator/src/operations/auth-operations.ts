import { MODULES } from '../schema/modules.js';
import { accessDenied, ApiError } from './api-error.js';
import type { OperationHandler } from './context.js';

const VERSION = { version: '0.22', vtigerVersion: '8.4.0' } as const;

/** `getchallenge`: a login token for a user. */
export const getChallenge: OperationHandler = (call, context) => {
  const username = call.param('username');
  if (username === undefined || username === '') {
    throw new ApiError('ACCESS_DENIED', 'No username given');
  }
  if (username !== context.username) {
    throw new ApiError('ACCESS_DENIED', 'username does not exists');
  }
  context.onChallenge();
  return context.sessions.challenge(username);
};

/** `login`: opens a session for md5(token + access key). */
export const login: OperationHandler = (call, context) => {
  const username = call.param('username') ?? '';
  const key = username === context.username ? context.accessKey : undefined;
  const session = context.sessions.login(
    username,
    call.param('accessKey') ?? '',
    key,
  );
  context.onLogin();
  const schema = MODULES.get('Users');
  const user = schema === undefined ? {} : context.store.values(schema, 1);
  return {
    username,
    first_name: user.first_name ?? '',
    last_name: user.last_name ?? '',
    email: user.email1 ?? '',
    time_zone: user.time_zone ?? 'UTC',
    hour_format: user.hour_format ?? '12',
    date_format: user.date_format ?? 'mm-dd-yyyy',
    is_admin: user.is_admin ?? 'on',
    call_duration: user.callduration ?? '5',
    other_event_duration: user.othereventduration ?? '5',
    sessionName: session.name,
    userId: '19x1',
    ...VERSION,
  };
};

/** `logout`: ends the session named in the POST body. */
export const logout: OperationHandler = (call, context) => {
  if (
    call.session === null ||
    call.param('sessionName') !== call.session.name
  ) {
    throw new ApiError(
      'OPERATION_NOT_SUPPORTED',
      'Permission to perform the operation is denied',
    );
  }
  context.sessions.logout(call.session.name);
  return { message: 'successfull' };
};

/** `extendsession`: confirms the current session. */
export const extendSession: OperationHandler = (call) => {
  if (call.session === null) throw accessDenied();
  return { sessionName: call.session.name, userId: '19x1', ...VERSION };
};
