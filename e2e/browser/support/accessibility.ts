import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: Promise<string> | undefined;

/** Each landmark once per kind, and landmarks of one kind told apart by their names. */
const landmarkRules = [
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-one-main',
];

/** One WCAG 2.1 A/AA rule a screen breaks, with the elements that break it. */
export type Violation = Readonly<{ rule: string; impact: string; help: string; targets: string[] }>;

/**
 * Runs axe-core (Deque's rule engine, the one browsers' own audits build on) over the page as it stands, for
 * WCAG 2.1 levels A and AA, and returns the serious and critical violations, and every landmark violation. It is evaluated through the
 * DevTools protocol, so the page's Content-Security-Policy stays as strict as it is for users.
 */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  axeSource ??= readFile(axePath, 'utf8');
  const source = await axeSource;
  // The engine is loaded into the page under test (not into the app) by evaluating its source there.
  await page.evaluate(source);
  const found: unknown = await page.evaluate(
    async ({ landmarkRules }) => {
      const engine = Reflect.get(window, 'axe');
      type Found = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
      const wcag: { violations: Found[] } = await engine.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      // Landmarks are axe "best practices" of moderate impact, yet a screen-reader user navigates by them.
      const landmarks: { violations: Found[] } = await engine.run(document, {
        runOnly: { type: 'rule', values: landmarkRules },
        resultTypes: ['violations'],
      });
      return [
        ...wcag.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        ...landmarks.violations,
      ].map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    },
    { landmarkRules },
  );
  return Array.isArray(found) ? found : [];
}
