import { sql } from 'kysely';
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

/**
 * The columns an upload writes and a correction copies (which adds the copy's id and keeps the upload's time). Both
 * `INSERT … SELECT`s build their select lists from this one list, in its order: the values match their columns by
 * position.
 */
const WRITTEN = [
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
] as const;

type Written = (typeof WRITTEN)[number];

function ofReport(trx: ScopedTransaction, key: ReportKey) {
  return trx
    .selectFrom('report_attachments as a')
    .where('a.district_id', '=', key.districtId)
    .where('a.community_id', '=', key.communityId)
    .where('a.report_id', '=', key.reportId);
}

/**
 * Holds the report's row until the transaction ends (FOR NO KEY UPDATE) and answers its status. A submission or an
 * approval, which update the row, waits for this transaction, so what is checked here still holds at COMMIT; and so
 * does another upload or removal on the same report, so the count of its files an upload checks is not changed under
 * it (FOR SHARE would let two uploads hold the row together, both count 19 and both insert). A foreign key's check
 * (FOR KEY SHARE) is not held up.
 */
export async function holdReport(trx: ScopedTransaction, key: ReportKey) {
  const row = await trx
    .selectFrom('monthly_reports')
    .select(['status'])
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('report_id', '=', key.reportId)
    .forNoKeyUpdate()
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

/** The attachment of this report with these bytes, if it has one. */
export function findBySha256(trx: ScopedTransaction, key: ReportKey, sha256: string) {
  return ofReport(trx, key)
    .select(['a.attachment_id', 'a.file_name'])
    .where('a.sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * Adds one attachment in one statement, unless the report already has `maxCount` files or one with these bytes (the
 * unique key on report and sha256: `ON CONFLICT DO NOTHING`). Answers the new row as `listAttachments` does, or
 * undefined when nothing was added — the caller tells which of the two it was. The count is only right when no other
 * upload on the report runs beside it: the caller holds the report (`holdReport`) first.
 */
export function insertAttachment(
  trx: ScopedTransaction,
  key: ReportKey & {
    ventureId: string;
    fileName: string;
    kind: string;
    mediaType: string;
    sha256: string;
    content: Uint8Array;
    uploadedBy: string;
    maxCount: number;
  },
) {
  const values: Record<Written, unknown> = {
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
  };
  return trx
    .with('added', (db) =>
      db
        .insertInto('report_attachments')
        .columns(WRITTEN)
        .expression(
          db
            .selectNoFrom((eb) => WRITTEN.map((column) => eb.val(values[column]).as(column)))
            .where((eb) => ofReport(trx, key).select(eb.fn.countAll().as('n')), '<', key.maxCount),
        )
        .onConflict((oc) => oc.columns(['district_id', 'community_id', 'report_id', 'sha256']).doNothing())
        .returning([
          'attachment_id',
          'report_id',
          'file_name',
          'kind',
          'media_type',
          'byte_size',
          'sha256',
          'uploaded_by',
          'uploaded_at',
        ]),
    )
    .selectFrom('added as a')
    .leftJoin('users as u', 'u.user_id', 'a.uploaded_by')
    .select([...META, 'u.display_name as uploaded_by_name'])
    .executeTakeFirst();
}

/** One attachment with its bytes. */
export function readAttachment(trx: ScopedTransaction, key: ReportKey, attachmentId: string) {
  return ofReport(trx, key)
    .select([...META, 'a.content'])
    .where('a.attachment_id', '=', attachmentId)
    .executeTakeFirst();
}

/** Removes one attachment; answers what the audit log keeps of it, or undefined when it was not there. */
export function deleteAttachment(trx: ScopedTransaction, key: ReportKey, attachmentId: string) {
  return trx
    .deleteFrom('report_attachments')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('report_id', '=', key.reportId)
    .where('attachment_id', '=', attachmentId)
    .returning(['file_name', 'kind', 'byte_size', 'sha256'])
    .executeTakeFirst();
}

/**
 * An amendment starts as the report it corrects was, its files included: each is copied inside the database (the
 * bytes never leave it), keeping who uploaded it and when. Answers how many were copied.
 *
 * Each copy's id is derived from its original's and the new report's (md5, immutable) rather than left to the
 * column's default: Citus pushes an INSERT … SELECT down to the shard only when nothing in it is volatile, and
 * `gen_random_uuid()` is — it then pulls the rows to the coordinator and writes them back with COPY, which row-level
 * security refuses ("COPY FROM not supported with row-level security"; seen on the Citus cluster of .ci/run).
 */
export async function copyAttachments(trx: ScopedTransaction, from: ReportKey, toReportId: string) {
  const result = await trx
    .insertInto('report_attachments')
    .columns(['attachment_id', ...WRITTEN, 'uploaded_at'])
    .expression(
      ofReport(trx, from).select((eb) => [
        // a version-4 form (the API's ids are checked as RFC 4122 UUIDs): the version and variant digits set
        sql<string>`overlay(overlay(md5(a.attachment_id::text || ${toReportId}::text) placing '4' from 13)
                    placing '8' from 17)::uuid`.as('attachment_id'),
        // the copy belongs to the correction; every other column is the original's
        ...WRITTEN.map((column) =>
          column === 'report_id' ? eb.val(toReportId).as(column) : eb.ref(`a.${column}`).as(column),
        ),
        'a.uploaded_at',
      ]),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
