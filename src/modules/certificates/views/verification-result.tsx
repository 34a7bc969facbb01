// The answer box of /verify: genuine or not in one sentence, then the facts, the issuer, the status and
// the public-log check, each in plain words; the proof itself folded away for those who want to redo it.
import { Fragment } from 'preact';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import type { Verification } from '../verify.ts';
import { factLabel, humanise } from './fact-label.ts';

type Genuine = Extract<Verification, { genuine: true }>;

function headline(t: Translator, result: Genuine, issuer: string): { tone: string; text: string } {
  if (result.status === 'revoked')
    return { tone: 'red', text: t.t('certificates.verify.revoked', { issuer }) };
  if (result.status === 'suspended')
    return { tone: 'yellow', text: t.t('certificates.verify.suspended', { issuer }) };
  if (result.expired) return { tone: 'yellow', text: t.t('certificates.verify.expired', { issuer }) };
  return { tone: 'green', text: t.t('certificates.verify.genuine', { issuer }) };
}

function titleOf(t: Translator, result: Genuine): string {
  const names = result.credential.name ?? [];
  const local = names.find((name) => name['@language'] === t.locale.code) ?? names[0];
  return local?.['@value'] ?? humanise(result.credential.type.at(-1) ?? '');
}

function LogCheck({ t, result }: { t: Translator; result: Genuine }) {
  const { log } = result;
  return (
    <>
      <h3>{t.t('certificates.verify.logHeading')}</h3>
      <p>
        {log.verified
          ? t.t('certificates.verify.logChecked', {
              index: log.index,
              size: log.treeSize,
              hashes: log.proof.length,
            })
          : t.t('certificates.verify.logNotChecked', { index: log.index })}
      </p>
      <details>
        <summary>{t.t('certificates.verify.proofDetails')}</summary>
        <dl class="summary-list">
          <dt>{t.t('certificates.verify.leafHash')}</dt>
          <dd dir="ltr">
            <code>{log.leafHash}</code>
          </dd>
          <dt>{t.t('certificates.verify.rootHash')}</dt>
          <dd dir="ltr">
            <code>{log.rootHash}</code>
          </dd>
          <dt>{t.t('certificates.verify.inclusionProof')}</dt>
          <dd dir="ltr">
            {log.proof.map((hash) => (
              <code key={hash}>
                {hash}
                <br />
              </code>
            ))}
          </dd>
        </dl>
        <pre dir="ltr">{log.checkpoint}</pre>
      </details>
    </>
  );
}

export function VerificationResult(props: {
  t: Translator;
  result: Verification;
  issuerName: string | undefined;
}) {
  const { t, result } = props;
  if (!result.genuine) {
    return (
      <div class="notice notice--warning" role="alert" id="verification-result">
        <h2>{t.t('certificates.verify.notGenuine')}</h2>
        <p>{t.t(`certificates.problem.${result.problem}`)}</p>
      </div>
    );
  }
  const issuer = props.issuerName ?? result.departmentCode;
  const { tone, text } = headline(t, result, issuer);
  const subject = Object.entries(result.credential.credentialSubject);
  return (
    <div
      class={tone === 'green' ? 'notice' : 'notice notice--warning'}
      role="status"
      id="verification-result"
    >
      <h2>
        <span class={`tag tag--${tone}`}>
          {t.t(
            `certificates.status.${result.expired && result.status === 'valid' ? 'expired' : result.status}`,
          )}
        </span>{' '}
        {text}
      </h2>
      <h3>{t.t('certificates.verify.statesHeading', { title: titleOf(t, result) })}</h3>
      <dl class="summary-list">
        {subject.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{factLabel(t, name)}</dt>
            <dd>
              <Bdi dir="auto">{String(value)}</Bdi>
            </dd>
          </Fragment>
        ))}
        <dt>{t.t('certificates.verify.issuedBy')}</dt>
        <dd>{issuer}</dd>
        <dt>{t.t('certificates.verify.issuedOn')}</dt>
        <dd>
          <Bdi dir="auto">{t.formatDate(new Date(result.credential.validFrom))}</Bdi>
        </dd>
        <dt>{t.t('certificates.verify.credentialId')}</dt>
        <dd>
          <Bdi>
            <code>{result.credential.id}</code>
          </Bdi>
        </dd>
      </dl>
      <LogCheck t={t} result={result} />
    </div>
  );
}
