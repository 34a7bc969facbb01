// The home page in a real browser (Debian's Chromium through playwright-core), in English and Urdu:
// direction, fonts and links from our own origin only, no console errors, and zero axe-core violations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';

const skip = browserSkipReason();

describe('home page in a browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';

  before(async () => {
    t = await buildTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await t.close();
  });

  for (const lang of ['en', 'ur'] as const) {
    it(`renders in ${lang} with the right direction, only same-origin requests and no console errors`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const foreign: string[] = [];
      const failed: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(baseUrl)) foreign.push(request.url());
      });
      page.on('requestfailed', (request) => failed.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') failed.push(message.text());
      });
      const response = await page.goto(`${baseUrl}/?lang=${lang}`, { waitUntil: 'networkidle' });
      assert.equal(response?.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ur' ? 'rtl' : 'ltr');
      assert.deepEqual(foreign, [], 'no request leaves the site');
      assert.deepEqual(failed, [], 'no failed request or console error (CSP included)');
      await context.close();
    });

    it(`has zero axe-core violations in ${lang}`, async () => {
      // axe is injected as a script, which our CSP rightly forbids; bypass it for this check only.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?lang=${lang}`, { waitUntil: 'networkidle' });
      if (lang === 'ur') {
        const loadedFaces: string[] = await page.evaluate(async () => {
          const fonts = await document.fonts.ready;
          const faces: string[] = [];
          fonts.forEach((face: FontFace) => {
            if (face.status === 'loaded') faces.push(face.family);
          });
          return faces;
        });
        assert.ok(
          loadedFaces.some((family) => family.includes('Noto Naskh Arabic')),
          `the self-hosted Urdu font is used (loaded: ${loadedFaces.join(', ')})`,
        );
      }
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});
