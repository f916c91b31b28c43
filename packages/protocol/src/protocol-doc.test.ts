import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { errorCodes } from './errors.ts';
import { routes } from './http.ts';
import { limits } from './limits.ts';

const doc = await readFile(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/protocol.md', () => {
  it('documents every error code with its HTTP status', () => {
    for (const [code, { status }] of Object.entries(errorCodes)) {
      expect(doc, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    }
  });

  it('documents every route with its method and path', () => {
    for (const [name, route] of Object.entries(routes)) {
      expect(doc, name).toContain(`| ${name} | ${route.method} | \`${route.path}\` |`);
    }
  });

  it('documents every limit with its value', () => {
    for (const [name, value] of Object.entries(limits))
      expect(doc, name).toContain(`| \`${name}\` | ${value} |`);
  });
});
