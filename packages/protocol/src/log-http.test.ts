import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { logResources } from './log-http.ts';

const doc = await readFile(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/protocol.md, transparency log resources', () => {
  it('documents every log resource with its method, path, content type and cache policy', () => {
    for (const [name, r] of Object.entries(logResources)) {
      expect(doc, name).toContain(
        `| ${name} | ${r.method} | \`${r.path}\` | \`${r.contentType}\` | \`${r.cacheControl}\` |`,
      );
    }
  });
});
