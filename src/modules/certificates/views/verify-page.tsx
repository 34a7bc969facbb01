// /verify: paste or upload what a certificate's QR code holds; the answer in plain words, then what the
// certificate states, who issued it, its status, and the public-log proof that was checked.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ASSET_PREFIX, Layout } from '../../../platform/views/layout.tsx';
import type { Verification } from '../verify.ts';
import { VerificationResult } from './verification-result.tsx';

export const VERIFY_PATH = '/verify';

export interface VerifyPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly presented: string;
  readonly result?: Verification;
  readonly issuerName?: string;
}

export function VerifyPage({ t, currentPath, csrfToken, presented, result, issuerName }: VerifyPageProps) {
  const title = t.t('certificates.verify.title');
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('certificates.verify.lead')}</p>
        {result !== undefined && <VerificationResult t={t} result={result} issuerName={issuerName} />}
        <form method="post" action={VERIFY_PATH} enctype="multipart/form-data" class="stack" id="verify-form">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <div class="field">
            <label class="label" for="presented">
              {t.t('certificates.verify.pasteLabel')}
            </label>
            <p class="hint" id="presented-hint">
              {t.t('certificates.verify.pasteHint')}
            </p>
            <textarea
              class="textarea"
              id="presented"
              name="presented"
              rows={5}
              dir="ltr"
              spellcheck={false}
              autocomplete="off"
              aria-describedby="presented-hint"
            >
              {presented}
            </textarea>
          </div>
          <div class="field">
            <label class="label" for="upload">
              {t.t('certificates.verify.uploadLabel')}
            </label>
            <p class="hint" id="upload-hint">
              {t.t('certificates.verify.uploadHint')}
            </p>
            <input
              class="input"
              type="file"
              id="upload"
              name="upload"
              accept=".txt,.jwt,text/plain"
              aria-describedby="upload-hint"
            />
          </div>
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('certificates.verify.submit')}
            </button>
            {/* Shown by verify-scan.js only where the browser can read QR codes from the camera. */}
            <button type="button" class="button button--secondary" id="scan-button" hidden>
              {t.t('certificates.verify.scan')}
            </button>
          </div>
          <video id="scan-video" hidden muted playsinline aria-label={t.t('certificates.verify.scanVideo')} />
        </form>
        <h2>{t.t('certificates.verify.offlineHeading')}</h2>
        <p>{t.t('certificates.verify.offline')}</p>
      </div>
      <script src={`${ASSET_PREFIX}/js/verify-scan.js`} defer />
    </Layout>
  );
}
