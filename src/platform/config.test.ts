import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_PDF_BROWSER, loadConfig } from './config.ts';

const PRODUCTION_OK = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://sahulat.example.gov.pk/',
  DATABASE_URL: 'postgres://app@db/sahulat',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
  return [];
}

describe('loadConfig', () => {
  it('gives safe development defaults', () => {
    const config = loadConfig({}, '/srv/app');
    assert.equal(config.nodeEnv, 'development');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(config.dataDir, path.resolve('/srv/app', 'data'));
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.seedDemo, true);
    assert.equal(config.trustProxy, false);
    assert.equal(config.rateLimitPerMinute, 600);
  });

  it('allows turning the rate limit off outside production only', () => {
    assert.equal(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute, 0);
    assert.match(
      problemsOf({ ...PRODUCTION_OK, RATE_LIMIT_PER_MINUTE: '0' }).join(),
      /RATE_LIMIT_PER_MINUTE/,
    );
    assert.match(problemsOf({ RATE_LIMIT_PER_MINUTE: '-5' }).join(), /RATE_LIMIT_PER_MINUTE/);
  });

  it('does not seed demo data into an external database unless asked', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://x@y/z' }).seedDemo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://x@y/z', SEED_DEMO: '1' }).seedDemo, true);
    assert.equal(loadConfig({ SEED_DEMO: '0' }).seedDemo, false);
  });

  it('normalises PUBLIC_URL and resolves DATA_DIR against the working directory', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://e.gov.pk/sahulat/', DATA_DIR: 'var/data' }, '/srv/app');
    assert.equal(config.publicUrl, 'https://e.gov.pk/sahulat');
    assert.equal(config.dataDir, '/srv/app/var/data');
  });

  it('names every invalid variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'loud',
      SEED_DEMO: 'maybe',
    });
    for (const name of ['PORT', 'NODE_ENV', 'LOG_LEVEL', 'SEED_DEMO']) {
      assert.ok(
        problems.some((problem) => problem.startsWith(name)),
        `${name} is named in ${JSON.stringify(problems)}`,
      );
    }
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(PRODUCTION_OK, '/srv/app');
    assert.equal(config.nodeEnv, 'production');
    assert.equal(config.seedDemo, false);
  });

  it('refuses insecure defaults in production', () => {
    const withoutSecret: Record<string, string> = { ...PRODUCTION_OK };
    delete withoutSecret['SESSION_SECRET'];
    assert.match(problemsOf(withoutSecret).join(), /SESSION_SECRET/);
    assert.match(problemsOf({ ...PRODUCTION_OK, SESSION_SECRET: 'short' }).join(), /SESSION_SECRET/);
    assert.match(problemsOf({ ...PRODUCTION_OK, SEED_DEMO: '1' }).join(), /SEED_DEMO/);
    const withoutUrl: Record<string, string> = { ...PRODUCTION_OK };
    delete withoutUrl['PUBLIC_URL'];
    assert.match(problemsOf(withoutUrl).join(), /PUBLIC_URL/);
  });

  it('rejects a malformed DATABASE_URL and PUBLIC_URL', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url' });
    assert.equal(problems.length, 2);
  });

  it('prints PDFs with Debian’s Chromium when it is installed, another named browser, or none', () => {
    assert.equal(
      loadConfig({}).pdfBrowser,
      existsSync(DEFAULT_PDF_BROWSER) ? DEFAULT_PDF_BROWSER : undefined,
    );
    assert.equal(loadConfig({ PDF_BROWSER: 'off' }).pdfBrowser, undefined);
    assert.equal(loadConfig({ PDF_BROWSER: process.execPath }).pdfBrowser, process.execPath);
    assert.match(problemsOf({ PDF_BROWSER: '/nowhere/chromium' }).join(), /PDF_BROWSER/);
    assert.match(problemsOf({ PDF_BROWSER: 'chromium' }).join(), /PDF_BROWSER must be the absolute path/);
  });
});
