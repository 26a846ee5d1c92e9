import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../operations/api-error.js';

/** A challenge token is valid this long (seconds). */
export const TOKEN_LIFETIME = 300;
/** A session unused this long (seconds) fails with SESSION_LEFT_IDLE. */
export const SESSION_IDLE_LIMIT = 1800;
/** A session older than this (seconds) fails with SESSION_EXPIRED. */
export const SESSION_LIFETIME = 86_400;

interface Challenge {
  readonly token: string;
  readonly expiresAt: number;
}

/** A logged-in webservice.php session. */
export interface Session {
  readonly name: string;
  readonly username: string;
  readonly startedAt: number;
  lastUsedAt: number;
}

/**
 * Challenge tokens and sessions of webservice.php. Each user has one
 * current token: a new getchallenge replaces the previous token, and a
 * token stays usable for any number of logins until it expires.
 */
export class SessionManager {
  readonly #challenges = new Map<string, Challenge>();
  readonly #sessions = new Map<string, Session>();
  /** Seconds added to the wall clock, for tests of idle and expired sessions. */
  #offset = 0;

  #now(): number {
    return Date.now() / 1000 + this.#offset;
  }

  /** Moves this manager's clock forward by `seconds`. */
  advance(seconds: number): void {
    this.#offset += seconds;
  }

  /** Issues a new challenge token for a user, replacing any earlier one. */
  challenge(username: string): {
    token: string;
    serverTime: number;
    expireTime: number;
  } {
    const serverTime = Math.floor(this.#now());
    const token = randomBytes(7).toString('hex').slice(0, 13);
    this.#challenges.set(username, {
      token,
      expiresAt: serverTime + TOKEN_LIFETIME,
    });
    return { token, serverTime, expireTime: serverTime + TOKEN_LIFETIME };
  }

  /**
   * Checks `accessKey` = md5(token + user access key) and opens a session.
   * @throws ApiError INVALID_AUTH_TOKEN or INVALID_USER_CREDENTIALS.
   */
  login(
    username: string,
    digest: string,
    userAccessKey: string | undefined,
  ): Session {
    const challenge = this.#challenges.get(username);
    if (challenge === undefined || challenge.expiresAt < this.#now()) {
      throw new ApiError(
        'INVALID_AUTH_TOKEN',
        'Specified token is invalid or expired',
      );
    }
    const expected =
      userAccessKey === undefined
        ? null
        : createHash('md5')
            .update(challenge.token + userAccessKey)
            .digest('hex');
    if (expected === null || digest !== expected) {
      throw new ApiError(
        'INVALID_USER_CREDENTIALS',
        'Invalid username or password',
      );
    }
    const now = this.#now();
    const session: Session = {
      name: randomBytes(10).toString('hex'),
      username,
      startedAt: now,
      lastUsedAt: now,
    };
    this.#sessions.set(session.name, session);
    return session;
  }

  /**
   * Returns the live session called `name` and marks it used.
   * @throws ApiError INVALID_SESSIONID, SESSION_LEFT_IDLE or SESSION_EXPIRED.
   */
  resume(name: string): Session {
    const session = this.#sessions.get(name);
    if (session === undefined) {
      throw new ApiError(
        'INVALID_SESSIONID',
        'Session Identifier provided is Invalid',
      );
    }
    const now = this.#now();
    if (now - session.startedAt > SESSION_LIFETIME) {
      this.#sessions.delete(name);
      throw new ApiError(
        'SESSION_EXPIRED',
        'Session has life span over please login again',
      );
    }
    if (now - session.lastUsedAt > SESSION_IDLE_LIMIT) {
      this.#sessions.delete(name);
      throw new ApiError(
        'SESSION_LEFT_IDLE',
        'Session has been invalidated to due lack activity',
      );
    }
    session.lastUsedAt = now;
    return session;
  }

  /** Ends a session. */
  logout(name: string): void {
    this.#sessions.delete(name);
  }

  /** Forgets every session, so each one fails with INVALID_SESSIONID. */
  expireAll(): void {
    this.#sessions.clear();
  }

  /** Number of live sessions. */
  get size(): number {
    return this.#sessions.size;
  }
}
