// Browser checks with Debian's Chromium through playwright-core: launch it (or say why not), and run
// axe-core in a page. Never downloads a browser.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../platform/pdf/printer.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [...CHROMIUM_ARGS];
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A reason to skip browser tests, printed as a clear SKIP line, or false when Chromium is there. */
export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const reason = `${CHROMIUM} is not installed (apt-get install chromium)`;
  process.stdout.write(`# SKIP browser tests: ${reason}\n`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's violations on the page, one line each. The page's context must bypass CSP (axe is injected
 * as a script, which our policy rightly forbids).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
}
