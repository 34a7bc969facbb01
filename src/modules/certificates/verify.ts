// Checking a credential as a verifier would: only ES256 with a key we published, the issuer that key
// belongs to, the status lists, and the credential's leaf in the transparency log with an inclusion proof
// against a signed checkpoint. Any failure says which check failed; nothing here throws for bad input.
import type { Db } from '../../platform/db/database.ts';
import type { LogSecrets } from '../transparency-log/checkpoints.ts';
import { recordHash } from '../transparency-log/leaf.ts';
import { transparencyLogService } from '../transparency-log/service.ts';
import {
  type IssuedCredential,
  VC_CONTEXT,
  issuerUrl,
  statusListUrl,
  withoutLogIndex,
} from './credential.ts';
import { VC_JWT_TYPE, parseCompact, verifyEs256 } from './jws.ts';
import { certificateKeys } from './keys.ts';
import { type CertificateStatus, indicesWithStatus, statusList } from './repo.ts';
import { parseListName } from './status-list.ts';

export type VerificationProblem =
  'malformed' | 'algorithm' | 'unknown-key' | 'signature' | 'not-a-credential' | 'issuer' | 'not-in-log';

export interface LogCheck {
  readonly index: number;
  readonly leafHash: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly proof: string[];
  /** The inclusion proof leads to the root of the signed checkpoint (signature checked with the log key). */
  readonly verified: boolean;
  readonly checkpoint: string;
}

export type Verification =
  | { readonly genuine: false; readonly problem: VerificationProblem }
  | {
      readonly genuine: true;
      readonly credential: IssuedCredential;
      readonly departmentCode: string;
      readonly kid: string;
      readonly status: CertificateStatus;
      readonly expired: boolean;
      readonly log: LogCheck;
    };

const refused = (problem: VerificationProblem): Verification => ({ genuine: false, problem });
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function wellFormed(payload: unknown): payload is IssuedCredential & { logIndex: number } {
  if (!isRecord(payload)) return false;
  const context = payload['@context'];
  const type = payload['type'];
  return (
    Array.isArray(context) &&
    context[0] === VC_CONTEXT &&
    Array.isArray(type) &&
    type.includes('VerifiableCredential') &&
    typeof payload['id'] === 'string' &&
    typeof payload['issuer'] === 'string' &&
    typeof payload['validFrom'] === 'string' &&
    isRecord(payload['credentialSubject']) &&
    Array.isArray(payload['credentialStatus']) &&
    Number.isSafeInteger(payload['logIndex']) &&
    (payload['logIndex'] as number) >= 0
  );
}

export function credentialVerifier(db: Db, secrets: LogSecrets) {
  const keys = certificateKeys(db, secrets.sessionSecret);
  const log = transparencyLogService(db, secrets);

  /** Revoked wins over suspended; a status entry that is not one of this department's lists is refused. */
  async function statusOf(
    credential: IssuedCredential,
    departmentCode: string,
  ): Promise<CertificateStatus | undefined> {
    let status: CertificateStatus = 'valid';
    for (const entry of credential.credentialStatus) {
      const prefix = statusListUrl(secrets.publicUrl, '');
      const name = entry.statusListCredential.startsWith(prefix)
        ? parseListName(entry.statusListCredential.slice(prefix.length))
        : undefined;
      const index = Number(entry.statusListIndex);
      const list = name === undefined ? undefined : await statusList(db, name.listId);
      if (
        name === undefined ||
        list === undefined ||
        list.department_code !== departmentCode ||
        name.purpose !== entry.statusPurpose
      ) {
        return undefined;
      }
      if (!Number.isSafeInteger(index) || index < 0 || index >= list.length) return undefined;
      const set = (
        await indicesWithStatus(db, name.listId, name.purpose === 'revocation' ? 'revoked' : 'suspended')
      ).includes(index);
      if (set && name.purpose === 'revocation') status = 'revoked';
      if (set && name.purpose === 'suspension' && status === 'valid') status = 'suspended';
    }
    return status;
  }

  async function logCheck(
    credential: IssuedCredential & { logIndex: number },
  ): Promise<LogCheck | undefined> {
    const proven = await log.provenEntry(credential.logIndex);
    const leaf = proven?.leaf;
    const matches =
      leaf?.kind === 'certificate.issued' &&
      leaf.ids['credentialId'] === credential.id &&
      leaf.recordHash === recordHash(withoutLogIndex(credential as unknown as Record<string, unknown>));
    if (proven === undefined || !matches) return undefined;
    return {
      index: proven.index,
      leafHash: proven.leafHash.toString('base64'),
      treeSize: proven.treeSize,
      rootHash: proven.rootHash.toString('base64'),
      proof: proven.proof.map((hash) => hash.toString('base64')),
      verified: proven.verified,
      checkpoint: proven.checkpoint,
    };
  }

  return async function verifyCredential(token: string, now = new Date()): Promise<Verification> {
    const jws = parseCompact(token);
    if (jws === undefined || jws.header['crit'] !== undefined) return refused('malformed');
    if (jws.header.alg !== 'ES256') return refused('algorithm');
    if (jws.header.typ !== VC_JWT_TYPE) return refused('not-a-credential');
    const kid = jws.header.kid;
    const key = typeof kid === 'string' ? await keys.publicKey(kid) : undefined;
    if (key === undefined || typeof kid !== 'string') return refused('unknown-key');
    if (!verifyEs256(jws, key.jwk)) return refused('signature');
    if (!wellFormed(jws.payload)) return refused('not-a-credential');
    const credential = jws.payload;
    if (credential.issuer !== issuerUrl(secrets.publicUrl, key.departmentCode)) return refused('issuer');
    const status = await statusOf(credential, key.departmentCode);
    if (status === undefined) return refused('not-a-credential');
    const logResult = await logCheck(credential);
    if (logResult === undefined) return refused('not-in-log');
    const expired = credential.validUntil !== undefined && Date.parse(credential.validUntil) < now.getTime();
    return {
      genuine: true,
      credential,
      departmentCode: key.departmentCode,
      kid,
      status,
      expired,
      log: logResult,
    };
  };
}
