import type { ScopedTransaction } from '../tenant';

// A monthly report's attachments (ADR 0041). Every function takes the report's district and community: the service
// has found the report in the caller's scope first, and RLS checks the same again. Lists never read `content`.

export interface ReportKey {
  districtId: string;
  communityId: string;
  reportId: string;
}

const META = [
  'a.attachment_id',
  'a.report_id',
  'a.file_name',
  'a.kind',
  'a.media_type',
  'a.byte_size',
  'a.sha256',
  'a.uploaded_by',
  'a.uploaded_at',
] as const;

function ofReport(trx: ScopedTransaction, key: ReportKey) {
  return trx
    .selectFrom('report_attachments as a')
    .where('a.district_id', '=', key.districtId)
    .where('a.community_id', '=', key.communityId)
    .where('a.report_id', '=', key.reportId);
}

/**
 * Holds the report's row until the transaction ends (FOR SHARE) and answers its status: a submission or an
 * approval, which update the row, waits for this transaction, so what is checked here still holds at COMMIT.
 */
export async function holdReport(trx: ScopedTransaction, key: ReportKey) {
  const row = await trx
    .selectFrom('monthly_reports')
    .select(['status'])
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('report_id', '=', key.reportId)
    .forShare()
    .executeTakeFirst();
  return row?.status ?? null;
}

/** A report's attachments, oldest first, with the uploader's name where the caller may read it. */
export function listAttachments(trx: ScopedTransaction, key: ReportKey) {
  return ofReport(trx, key)
    .leftJoin('users as u', 'u.user_id', 'a.uploaded_by')
    .select([...META, 'u.display_name as uploaded_by_name'])
    .orderBy('a.uploaded_at')
    .orderBy('a.attachment_id')
    .execute();
}

export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export async function countAttachments(trx: ScopedTransaction, key: ReportKey): Promise<number> {
  const row = await ofReport(trx, key)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The attachment of this report with these bytes, if it has one. */
export function findBySha256(trx: ScopedTransaction, key: ReportKey, sha256: string) {
  return ofReport(trx, key)
    .select(['a.attachment_id', 'a.file_name'])
    .where('a.sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertAttachment(
  trx: ScopedTransaction,
  key: ReportKey & {
    ventureId: string;
    fileName: string;
    kind: string;
    mediaType: string;
    sha256: string;
    content: Uint8Array;
    uploadedBy: string;
  },
) {
  const inserted = await trx
    .insertInto('report_attachments')
    .values({
      district_id: key.districtId,
      community_id: key.communityId,
      report_id: key.reportId,
      venture_id: key.ventureId,
      file_name: key.fileName,
      kind: key.kind,
      media_type: key.mediaType,
      byte_size: key.content.byteLength,
      sha256: key.sha256,
      content: key.content,
      uploaded_by: key.uploadedBy,
    })
    .returning('attachment_id')
    .executeTakeFirstOrThrow();
  return inserted.attachment_id;
}

/** One attachment's metadata (no bytes). */
export function findAttachment(trx: ScopedTransaction, key: ReportKey, attachmentId: string) {
  return ofReport(trx, key)
    .leftJoin('users as u', 'u.user_id', 'a.uploaded_by')
    .select([...META, 'u.display_name as uploaded_by_name'])
    .where('a.attachment_id', '=', attachmentId)
    .executeTakeFirst();
}

/** One attachment with its bytes. */
export function readAttachment(trx: ScopedTransaction, key: ReportKey, attachmentId: string) {
  return ofReport(trx, key)
    .select([...META, 'a.content'])
    .where('a.attachment_id', '=', attachmentId)
    .executeTakeFirst();
}

/** Removes one attachment; answers whether it was there. */
export async function deleteAttachment(trx: ScopedTransaction, key: ReportKey, attachmentId: string) {
  const result = await trx
    .deleteFrom('report_attachments')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('report_id', '=', key.reportId)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * An amendment starts as the report it corrects was, its files included: each is copied inside the database (the
 * bytes never leave it), keeping who uploaded it and when. Answers how many were copied.
 */
export async function copyAttachments(trx: ScopedTransaction, from: ReportKey, toReportId: string) {
  const result = await trx
    .insertInto('report_attachments')
    .columns([
      'district_id',
      'community_id',
      'report_id',
      'venture_id',
      'file_name',
      'kind',
      'media_type',
      'byte_size',
      'sha256',
      'content',
      'uploaded_by',
      'uploaded_at',
    ])
    .expression(
      ofReport(trx, from).select((eb) => [
        'a.district_id',
        'a.community_id',
        eb.val(toReportId).as('report_id'),
        'a.venture_id',
        'a.file_name',
        'a.kind',
        'a.media_type',
        'a.byte_size',
        'a.sha256',
        'a.content',
        'a.uploaded_by',
        'a.uploaded_at',
      ]),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
