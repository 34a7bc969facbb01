// oidc-provider's storage adapter on PostgreSQL: one instance per model name (Session, Interaction, Grant,
// AuthorizationCode, AccessToken, ...), all in the table oidc_payload; clients come from oidc_client.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { Db } from '../../platform/db/database.ts';
import { clientMetadata } from './clients.ts';
import { findClient } from './repo-clients.ts';
import {
  consumePayload,
  destroyPayload,
  findPayload,
  revokeGrantEverywhere,
  revokePayloadsOfGrant,
  upsertPayload,
} from './repo.ts';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function withConsumed(stored: { payload: object; consumedAt: Date | null }): AdapterPayload {
  const payload = stored.payload as AdapterPayload;
  return stored.consumedAt === null ? payload : { ...payload, consumed: epochSeconds(stored.consumedAt) };
}

/** Reads registered relying parties; they are written by the service, never by oidc-provider. */
class ClientAdapter implements Adapter {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }
  async find(id: string): Promise<AdapterPayload | undefined> {
    const client = await findClient(this.#db, id);
    return client === undefined || client.disabledAt !== null ? undefined : clientMetadata(client);
  }
  upsert(): Promise<void> {
    return Promise.reject(new Error('Clients are registered through the oidc service, not the provider'));
  }
  destroy(): Promise<void> {
    return Promise.reject(new Error('Clients are registered through the oidc service, not the provider'));
  }
  async findByUid(): Promise<undefined> {
    return undefined;
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async consume(): Promise<void> {
    return undefined;
  }
  async revokeByGrantId(): Promise<void> {
    return undefined;
  }
}

class PayloadAdapter implements Adapter {
  readonly #db: Db;
  readonly #type: string;
  constructor(db: Db, type: string) {
    this.#db = db;
    this.#type = type;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await upsertPayload(this.#db, {
      id,
      type: this.#type,
      payload,
      grantId: typeof payload.grantId === 'string' ? payload.grantId : null,
      uid: typeof payload.uid === 'string' ? payload.uid : null,
      userCode: typeof payload.userCode === 'string' ? payload.userCode : null,
      expiresInSeconds: expiresIn,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const stored = await findPayload(this.#db, this.#type, 'id', id);
    return stored === undefined ? undefined : withConsumed(stored);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const stored = await findPayload(this.#db, this.#type, 'uid', uid);
    return stored === undefined ? undefined : withConsumed(stored);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const stored = await findPayload(this.#db, this.#type, 'user_code', userCode);
    return stored === undefined ? undefined : withConsumed(stored);
  }

  /**
   * Atomic: of two requests racing to redeem one code, exactly one wins. oidc-provider checks `consumed`
   * before calling this, but two concurrent requests can both pass that check; the loser is refused here
   * and, as for any replay, everything issued under the grant is revoked (the winner's tokens included).
   */
  async consume(id: string): Promise<void> {
    const { outcome, grantId } = await consumePayload(this.#db, this.#type, id);
    if (outcome === 'consumed') return;
    if (grantId !== null) await revokeGrantEverywhere(this.#db, grantId);
    // 'missing': a racing request already found the replay and revoked everything under the grant.
    throw new errors.InvalidGrant(`${this.#type} already consumed`);
  }

  async destroy(id: string): Promise<void> {
    await destroyPayload(this.#db, this.#type, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await revokePayloadsOfGrant(this.#db, this.#type, grantId);
  }
}

/** The `adapter` option of oidc-provider's configuration. */
export function postgresAdapter(db: Db): (name: string) => Adapter {
  return (name) => (name === 'Client' ? new ClientAdapter(db) : new PayloadAdapter(db, name));
}
