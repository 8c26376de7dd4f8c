import { createHash } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app';
import {
  ADMIN,
  monthsAgo,
  REPORTER,
  reportApi,
  SOE,
  USUAL_FIGURES,
  VENTURES,
  WANG,
  XIQU_ADMIN,
  XIQU_COMMUNITY,
} from './test-helpers';

const t = await createTestApp();
afterAll(async () => t.close());
const api = reportApi(t);

const VIEWER = 'viewer@dongqu.demo';
const DUKOU = 'dukou@dongqu.demo';

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (n: number) => new Uint8Array([...PNG_SIGNATURE, 0, 0, 0, n & 0xff, (n >> 8) & 0xff]);

function upload(
  as: string | undefined,
  reportId: string,
  fileName: string,
  bytes: Uint8Array,
  lang = 'zh-CN',
) {
  return t.request(`/api/v1/reports/${reportId}/attachments?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    body: bytes as RequestInit['body'],
    headers: { 'Content-Type': 'application/octet-stream', 'Accept-Language': lang },
    ...(as ? { as } : {}),
  });
}
const list = (as: string, reportId: string) => t.request(`/api/v1/reports/${reportId}/attachments`, { as });
const download = (as: string, reportId: string, id: string) =>
  t.request(`/api/v1/reports/${reportId}/attachments/${id}`, { as });
const remove = (as: string, reportId: string, id: string) =>
  t.request(`/api/v1/reports/${reportId}/attachments/${id}`, { method: 'DELETE', as });

async function uploaded(as: string, reportId: string, fileName: string, bytes: Uint8Array) {
  const res = await upload(as, reportId, fileName, bytes);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every attachment row of a report, as the owner connection sees them (no RLS). */
async function stored(reportId: string) {
  const rows = await sql<{ file_name: string; byte_size: number }>`
    select file_name, byte_size from report_attachments where report_id = ${reportId} order by uploaded_at`.execute(
    t.handle.db,
  );
  return rows.rows;
}

describe('a clerk attaches the month’s invoices to a draft', () => {
  const month = monthsAgo(1);
  let reportId = '';
  let invoiceId = '';

  it('uploads a PDF: the answer names it, the list shows it with its uploader, the bytes come back the same', async () => {
    const report = await api.created(WANG, { ventureId: VENTURES.readingRoom, month });
    reportId = report.id;
    const bytes = pdf('十一月 发票');
    const added = await uploaded(WANG, reportId, `C:\\fakepath\\${month} 阅览室发票.pdf`, bytes);
    expect(added).toMatchObject({
      reportId,
      fileName: `${month} 阅览室发票.pdf`,
      kind: 'pdf',
      mediaType: 'application/pdf',
      byteSize: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    invoiceId = added.id;

    const listed = await (await list(WANG, reportId)).json();
    expect(listed).toMatchObject({
      editable: true,
      maxBytes: ATTACHMENT_MAX_BYTES,
      maxCount: ATTACHMENT_MAX_COUNT,
    });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: invoiceId, uploadedByName: '望江街社区 丁香' });

    const res = await download(WANG, reportId, invoiceId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="${month} _____.pdf"; filename*=UTF-8''${encodeURIComponent(`${month} 阅览室发票.pdf`)}`,
    );
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('a document is saved, not shown: .docx comes back as an attachment with its own type', async () => {
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    const added = await uploaded(WANG, reportId, '居民议事会纪要.docx', docx);
    expect(added.kind).toBe('word');
    const res = await download(WANG, reportId, added.id);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('refuses the same file twice, naming the copy already there; nothing more is stored', async () => {
    const res = await upload(WANG, reportId, '又一份.pdf', pdf('十一月 发票'));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('attachment_duplicate');
    expect(body.error.message).toContain(`${month} 阅览室发票.pdf`);
    expect(await stored(reportId)).toHaveLength(2);
  });

  it('refuses what is not what its name says, a type no report takes, an empty file and a nameless one', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const mismatch = await upload(WANG, reportId, '发票.pdf', html);
    expect(mismatch.status).toBe(422);
    const mismatchBody = await mismatch.json();
    expect(mismatchBody.error.code).toBe('attachment_content_mismatch');
    expect(mismatchBody.error.message).toContain('“发票.pdf”不是有效的文件');

    const exe = await upload(WANG, reportId, 'setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'en');
    expect(exe.status).toBe(422);
    expect((await exe.json()).error.message).toBe(
      'Only PDF, images (JPG, PNG, WebP), Word (.docx) and Excel (.xlsx) files are accepted; save an old .doc or .xls as .docx or .xlsx first',
    );
    // a PNG named .jpg is not a JPEG
    expect((await upload(WANG, reportId, 'photo.jpg', png(1))).status).toBe(422);

    const empty = await upload(WANG, reportId, 'empty.pdf', new Uint8Array());
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.code).toBe('attachment_empty');

    const nameless = await upload(WANG, reportId, '/../', pdf('x'));
    expect(nameless.status).toBe(400);
    expect((await nameless.json()).error.fields).toEqual({ fileName: '文件名无效，请重命名后再上传' });

    expect(await stored(reportId)).toHaveLength(2);
  });

  it('refuses a file over 10 MB before reading it, in the user’s language', async () => {
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(PNG_SIGNATURE);
    const res = await upload(WANG, reportId, 'scan.png', big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe('文件超过 10 MB 上限，请压缩或拆分后再上传');
    expect(await stored(reportId)).toHaveLength(2);
  });

  it('a file of exactly 10 MB is taken', async () => {
    const largest = new Uint8Array(ATTACHMENT_MAX_BYTES);
    largest.set(PNG_SIGNATURE);
    const added = await uploaded(WANG, reportId, '台账扫描.png', largest);
    expect(added.byteSize).toBe(ATTACHMENT_MAX_BYTES);
    expect(await remove(WANG, reportId, added.id)).toHaveProperty('status', 204);
  });

  it('without a session the upload is refused before its body is read', async () => {
    const res = await upload(undefined, reportId, 'x.pdf', pdf('anonymous'));
    expect(res.status).toBe(401);
  });

  it('the clerk removes one; the audit log keeps both the upload and the removal, with the file’s name and hash', async () => {
    const extra = await uploaded(WANG, reportId, '多传的照片.png', png(7));
    expect((await remove(WANG, reportId, extra.id)).status).toBe(204);
    expect((await remove(WANG, reportId, extra.id)).status).toBe(404);
    expect((await stored(reportId)).map((r) => r.file_name)).not.toContain('多传的照片.png');
    const log = await sql<{ action: string; before: unknown; after: unknown }>`
      select action, before, after from audit_log where entity_id = ${reportId}
        and action like 'report.attachment.%' order by created_at`.execute(t.handle.db);
    const removal = log.rows.find(
      (r) => r.action === 'report.attachment.remove' && JSON.stringify(r.before).includes('多传的照片.png'),
    );
    expect(removal?.before).toMatchObject({
      ventureName: expect.any(String),
      month,
      attachment: { fileName: '多传的照片.png', byteSize: 13, kind: 'image' },
    });
    expect(log.rows.filter((r) => r.action === 'report.attachment.add').length).toBeGreaterThanOrEqual(3);
  });

  it('once submitted, the files are the report’s: no upload, no removal; the reviewer reads them', async () => {
    await api.ok(WANG, reportId, 'submit');
    const late = await upload(WANG, reportId, '补充.pdf', pdf('late'));
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe('report_is_submitted');
    expect((await remove(WANG, reportId, invoiceId)).status).toBe(409);
    expect((await (await list(WANG, reportId)).json()).editable).toBe(false);

    const asReviewer = await (await list(ADMIN, reportId)).json();
    expect(asReviewer.editable).toBe(false);
    expect(asReviewer.items.map((a: { fileName: string }) => a.fileName)).toEqual([
      `${month} 阅览室发票.pdf`,
      '居民议事会纪要.docx',
    ]);
    expect(new Uint8Array(await (await download(ADMIN, reportId, invoiceId)).arrayBuffer())).toEqual(
      pdf('十一月 发票'),
    );
    // the district's viewer reads, and may not write even a draft's
    expect((await download(VIEWER, reportId, invoiceId)).status).toBe(200);
    // the review queue says how many files each report carries
    const queue = await (
      await t.request(`/api/v1/reports?month=${month}&status=submitted`, { as: ADMIN })
    ).json();
    const counts = Object.fromEntries(
      queue.items.map((r: { id: string; attachmentCount: number }) => [r.id, r.attachmentCount]),
    );
    expect(counts[reportId]).toBe(2);
    expect(Object.values(counts).filter((n) => n !== 0)).toEqual([2]);
    // a community's own list does not count them (no community screen shows it)
    const own = await (await t.request(`/api/v1/reports?month=${month}`, { as: WANG })).json();
    expect(own.items.find((r: { id: string }) => r.id === reportId).attachmentCount).toBeNull();
  });

  it('returned, it is the clerk’s again', async () => {
    await api.ok(ADMIN, reportId, 'return', { comment: '请补充十一月的水电费发票' });
    expect((await (await list(WANG, reportId)).json()).editable).toBe(true);
    expect(
      (await upload(WANG, reportId, '水电费发票.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1]))).status,
    ).toBe(201);
    // the district office reviews; it does not file the community's evidence
    const byAdmin = await upload(ADMIN, reportId, '代传.pdf', pdf('admin'));
    expect(byAdmin.status).toBe(403);
    expect((await upload(VIEWER, reportId, '代传.pdf', pdf('viewer'))).status).toBe(403);
  });

  it('the report’s history, as its reviewer and its clerk read it, names each file added and removed', async () => {
    for (const as of [WANG, ADMIN]) {
      const detail = await (await t.request(`/api/v1/reports/${reportId}`, { as })).json();
      const files = detail.events
        .filter((e: { action: string }) => e.action === 'attach' || e.action === 'detach')
        .map((e: { action: string; comment: string; fromStatus: string; toStatus: string }) => [
          e.action,
          e.comment,
          e.fromStatus,
          e.toStatus,
        ]);
      const of = (name: string) =>
        files.filter((f: string[]) => f[1] === name).map((f: string[]) => [f[0], f[2]]);
      expect(of(`${month} 阅览室发票.pdf`)).toEqual([['attach', 'draft']]);
      expect(of('多传的照片.png')).toEqual([
        ['attach', 'draft'],
        ['detach', 'draft'],
      ]);
      expect(of('水电费发票.jpg')).toEqual([['attach', 'returned']]);
      // refused uploads leave no trace; a file changes no status
      expect(of('补充.pdf')).toEqual([]);
      expect(of('代传.pdf')).toEqual([]);
      expect(files.every((f: string[]) => f[2] === f[3])).toBe(true);
      // in order among the workflow's own steps: the upload after the return comes after it
      const actions = detail.events.map((e: { action: string }) => e.action);
      expect(actions.lastIndexOf('attach')).toBeGreaterThan(actions.indexOf('return'));
    }
  });
});

describe('limits and locks', () => {
  it('takes 20 files on a report and refuses the 21st', async () => {
    const report = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: monthsAgo(1) });
    for (let n = 0; n < ATTACHMENT_MAX_COUNT; n++)
      await uploaded(WANG, report.id, `照片${n + 1}.png`, png(n));
    const res = await upload(WANG, report.id, '照片21.png', png(99));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe('每份月报最多 20 个附件，请先删除不需要的附件');
    expect(await stored(report.id)).toHaveLength(ATTACHMENT_MAX_COUNT);
  });

  it('a locked month takes no files', async () => {
    const month = monthsAgo(5);
    const report = await api.created(WANG, { ventureId: VENTURES.serviceStation, month });
    await sql`insert into report_period_locks (district_id, community_id, month, locked_by)
      select district_id, community_id, ${month}, ${'00000000-0000-4000-8000-000000000001'}::uuid
      from monthly_reports where report_id = ${report.id}`.execute(t.handle.db);
    const res = await upload(WANG, report.id, '发票.pdf', pdf('locked'));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('report_period_locked');
    expect((await (await list(WANG, report.id)).json()).editable).toBe(false);
  });
});

describe('isolation: another community, another district, a partner', () => {
  it('no one outside the report’s reach lists, reads, adds or removes its files; nothing changes', async () => {
    const report = await api.created(WANG, { ventureId: VENTURES.readingRoom, month: monthsAgo(2) });
    const file = await uploaded(WANG, report.id, '阅览室台账.pdf', pdf('望江街'));
    for (const outsider of [DUKOU, REPORTER, SOE, XIQU_ADMIN, XIQU_COMMUNITY]) {
      expect((await list(outsider, report.id)).status, outsider).toBe(404);
      expect((await download(outsider, report.id, file.id)).status, outsider).toBe(404);
      // a district's office may not write attachments at all: its role is refused (403) before any lookup
      const refused = outsider === XIQU_ADMIN ? 403 : 404;
      expect((await upload(outsider, report.id, '伪造.pdf', pdf(outsider))).status, outsider).toBe(refused);
      expect((await remove(outsider, report.id, file.id)).status, outsider).toBe(refused);
    }
    expect((await stored(report.id)).map((r) => r.file_name)).toEqual(['阅览室台账.pdf']);
  });

  it('an attachment of one report is not reached through another report the caller may read', async () => {
    const own = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: monthsAgo(3) });
    const tidal = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(3) });
    const jinhuiFile = await uploaded(REPORTER, tidal.id, '潮汐市场收据.pdf', pdf('金汇'));
    // 望江街's clerk names its own report and 金汇's attachment
    expect((await download(WANG, own.id, jinhuiFile.id)).status).toBe(404);
    expect((await remove(WANG, own.id, jinhuiFile.id)).status).toBe(404);
    expect(await stored(tidal.id)).toHaveLength(1);
  });

  it('the operator partner attaches to the venture it operates, and the community reads it', async () => {
    const report = await api.created(SOE, { ventureId: VENTURES.tidalMarket, month: monthsAgo(4) });
    const file = await uploaded(
      SOE,
      report.id,
      '国企运营月报.xlsx',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9]),
    );
    expect(file).toMatchObject({ kind: 'excel', uploadedByName: '区属国企 运营专员' });
    const asCommunity = await (await list(REPORTER, report.id)).json();
    expect(asCommunity.items.map((a: { id: string }) => a.id)).toEqual([file.id]);
  });
});

describe('a correction of an approved report', () => {
  it('starts with the files of the report it corrects; the approved one keeps its own', async () => {
    const month = monthsAgo(6);
    const report = await api.created(WANG, { ventureId: VENTURES.readingRoom, month, ...USUAL_FIGURES });
    const bytes = pdf('六个月前的发票');
    const file = await uploaded(WANG, report.id, '发票.pdf', bytes);
    await api.ok(WANG, report.id, 'submit');
    await api.ok(ADMIN, report.id, 'approve');
    const amendment = await api.ok(WANG, report.id, 'amend', { comment: '收入少报了一笔' });

    const copied = await (await list(WANG, amendment.id)).json();
    expect(copied.editable).toBe(true);
    expect(copied.items).toHaveLength(1);
    expect(copied.items[0]).toMatchObject({
      fileName: '发票.pdf',
      sha256: file.sha256,
      uploadedAt: file.uploadedAt,
    });
    expect(copied.items[0].id).not.toBe(file.id);
    expect(
      new Uint8Array(await (await download(WANG, amendment.id, copied.items[0].id)).arrayBuffer()),
    ).toEqual(bytes);

    // removing the copy from the correction leaves the approved report's file where it was
    expect((await remove(WANG, amendment.id, copied.items[0].id)).status).toBe(204);
    expect((await (await list(ADMIN, report.id)).json()).items.map((a: { id: string }) => a.id)).toEqual([
      file.id,
    ]);
  });
});
