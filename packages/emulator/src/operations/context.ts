import type { QuerySettings } from '../query/execute-query.js';
import type { Session, SessionManager } from '../server/session-manager.js';
import type { RecordStore } from '../store/record-store.js';

/** State shared by all operations of one emulator. */
export interface OperationContext extends QuerySettings {
  readonly store: RecordStore;
  /** Seed of the generated data. */
  readonly seed: number;
  readonly sessions: SessionManager;
  readonly username: string;
  readonly accessKey: string;
  /** Answer `sync` with HTTP 500, as stock Vtiger 8.4.0 does. */
  readonly syncBroken: boolean;
  /** Tags per crmid, for the tags_* operations. */
  readonly tags: Map<number, string[]>;
  /** Relations written by add_related: "source:related:label". */
  readonly relations: Set<string>;
  /** crmids of converted Leads. */
  readonly convertedLeads: Set<number>;
  /** Counts logins for the stats. */
  onLogin(): void;
  /** Counts challenges for the stats. */
  onChallenge(): void;
}

/** One call of an operation. */
export interface OperationCall {
  readonly flavour: 'webservice' | 'rest';
  /** Reads a parameter from where the server reads it for this operation. */
  param(name: string): string | undefined;
  /** The session of a webservice.php call; null for REST and pre-login calls. */
  readonly session: Session | null;
  /** `sessionName` as sent (body before URL), for logout and extendsession. */
  readonly sessionName: string | undefined;
  /** PHPSESSID cookie, which extendsession adopts. */
  readonly cookieSession: string | undefined;
}

/** An operation handler: returns the `result` or throws an ApiError. */
export type OperationHandler = (
  call: OperationCall,
  context: OperationContext,
) => unknown;
