// The public figures are open to anyone and read every complaint, so they are computed at most once a
// minute: a visitor within the minute gets the same figures (concurrent visitors share one computation),
// and a complaint filed meanwhile shows after it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { PUBLIC_FIGURES_TTL_MS } from './service.ts';
import { SYSTEM, citizen, form } from './test-helpers.ts';

let t: TestApp;

/** Files a public complaint for `person` and returns its number. */
async function filed(person: Awaited<ReturnType<typeof citizen>>): Promise<string> {
  const result = await t.services.complaints.file(person, 'citizen', form());
  assert.equal(result.kind, 'filed');
  return result.number;
}
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

describe('the public complaint figures', () => {
  it('are computed once a minute, shared by concurrent visitors, and then show new complaints', async () => {
    const start = new Date();
    const person = await citizen(t);
    const first = await filed(person);
    const [a, b] = [
      t.services.complaints.publicOverview(SYSTEM, start),
      t.services.complaints.publicOverview(SYSTEM, start),
    ];
    assert.equal(a, b, 'one computation for concurrent visitors');
    const seen = (await a).recent.map((row) => row.number);
    assert.ok(seen.includes(first));

    const second = await filed(person);
    const withinMinute = await t.services.complaints.publicOverview(
      SYSTEM,
      new Date(start.getTime() + PUBLIC_FIGURES_TTL_MS - 1000),
    );
    assert.equal(
      withinMinute.recent.some((row) => row.number === second),
      false,
    );

    const later = await t.services.complaints.publicOverview(
      SYSTEM,
      new Date(start.getTime() + PUBLIC_FIGURES_TTL_MS + 1000),
    );
    assert.ok(later.recent.some((row) => row.number === second));
  });
});
