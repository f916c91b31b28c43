import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UsWorld, usWorld } from '../disclosure-log/us-world.ts';
import { submission } from '../governance/members.ts';

/** A staff member once published 24 report leaves for one half-year; copies must not fill the public log. */
let w: UsWorld;
beforeAll(async () => {
  w = await usWorld();
  const ack = await w.fbi.call('submitRequest', { body: submission() });
  expect(ack.status, JSON.stringify(ack.body)).toBe(201);
});
afterAll(async () => w?.world.close());

const publish = () => w.world.admin.call('publishReport', { body: { period: '2026-H1' } });

describe('publishing a half-year again', () => {
  it('is refused while the log holds nothing new for it, and allowed once it does', async () => {
    const first = await publish();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await publish();
      expect(again.status).toBe(409);
      expect(again.body.error?.code).toBe('report_already_published');
      expect(again.body.error?.details).toEqual({
        period: '2026-H1',
        checkpointSize: first.body.checkpointSize,
      });
    }
    // Another half-year is its own report.
    expect((await w.world.admin.call('publishReport', { body: { period: '2025-H2' } })).status).toBe(201);

    const ack = await w.fbi.call('submitRequest', { body: submission() });
    expect(ack.status).toBe(201);
    const updated = await publish();
    expect(updated.status, JSON.stringify(updated.body)).toBe(201);
    expect(updated.body.jsonSha256).not.toBe(first.body.jsonSha256);

    const list = await fetch(`${w.world.url}/log/reports`).then((r) => r.json());
    const periods = list.reports.map((r: { period: string }) => r.period);
    expect(periods).toEqual(['2026-H1', '2025-H2', '2026-H1']);
  });
});
