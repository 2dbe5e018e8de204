// Accessibility audits with axe-core, run inside the page under test (WCAG 2.0/2.1 A and AA
// rules: names and roles of controls, contrast, landmarks, ARIA use).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The WCAG A/AA violations axe finds on the page as it is now: one line per rule and node. */
export async function violations(page) {
  // Evaluated through the debugging protocol: the page's CSP does not apply to it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.flatMap((v) => v.nodes.map((n) =>
      `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
  }, TAGS);
}

/** Fails with every violation on the page, named by `where`. */
export async function audit(page, where) {
  const found = await violations(page);
  if (found.length) {
    throw new Error(`${found.length} accessibility violations on ${where}:\n  ${found.join('\n  ')}`);
  }
}
