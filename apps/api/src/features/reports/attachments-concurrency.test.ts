import { ATTACHMENT_MAX_COUNT } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app';
import { monthsAgo, reportApi, VENTURES, WANG } from './test-helpers';

// Uploads to one report sent at once (ADR 0041): the service holds the report's row FOR NO KEY UPDATE, so they queue,
// and each counts the files the one before it committed. Meaningful on PostgreSQL (DATABASE_URL), where each request
// has a connection of its own; PGlite has one connection, and runs them one after the other anyway.

const t = await createTestApp();
afterAll(async () => t.close());
const api = reportApi(t);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (n: number) => new Uint8Array([...PNG_SIGNATURE, 0, 0, 0, n & 0xff, (n >> 8) & 0xff]);

const upload = (reportId: string, fileName: string, bytes: Uint8Array) =>
  t.request(`/api/v1/reports/${reportId}/attachments?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    body: bytes as RequestInit['body'],
    headers: { 'Content-Type': 'application/octet-stream' },
    as: WANG,
  });

async function storedCount(reportId: string) {
  const rows = await sql<{ n: string }>`
    select count(*) as n from report_attachments where report_id = ${reportId}`.execute(t.handle.db);
  return Number(rows.rows[0]?.n);
}

describe('uploads racing each other', () => {
  it('never leave more than the limit on a report', async () => {
    const report = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: monthsAgo(1) });
    for (let n = 0; n < ATTACHMENT_MAX_COUNT - 1; n++) {
      expect((await upload(report.id, `照片${n + 1}.png`, png(n))).status).toBe(201);
    }
    const answers = await Promise.all(
      [100, 101, 102, 103, 104].map((n) => upload(report.id, `照片${n}.png`, png(n))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    expect(await storedCount(report.id)).toBe(ATTACHMENT_MAX_COUNT);
  });

  it('the same file sent twice at once is stored once; the other is refused as a duplicate', async () => {
    const report = await api.created(WANG, { ventureId: VENTURES.readingRoom, month: monthsAgo(1) });
    const answers = await Promise.all([
      upload(report.id, 'a.png', png(7)),
      upload(report.id, 'b.png', png(7)),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    expect(await storedCount(report.id)).toBe(1);
  });
});
