import { createHash } from 'node:crypto';
import type { ReportAttachment, ReportAttachmentList } from '@gongfu/contract';
import { audit, reportAttachments, reports, type ScopedTransaction } from '@gongfu/db';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  type AttachmentKind,
  can,
  checkOn,
  cleanAttachmentName,
  identifyAttachment,
  isReportEditable,
} from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError } from '../../errors';
import { assertOpenPeriod, illegalIn, isReportStatus, loadReport, recordEvent, statusOf } from './service';

// A monthly report's attachments (ADR 0041): read by whoever reads the report, added and removed by whoever may edit
// it, while it can be edited. An upload's bytes are read before its transaction opens; they are judged after the
// report is found, so a report out of reach answers 404 whatever the file.

type ReportRow = reports.ReportRow;

const keyOf = (row: ReportRow) => ({
  districtId: row.district_id,
  communityId: row.community_id,
  reportId: row.report_id,
});

const iso = (value: Date | string) => new Date(value).toISOString();
const kindOf = (kind: string): AttachmentKind =>
  (ATTACHMENT_KINDS as readonly string[]).includes(kind) ? (kind as AttachmentKind) : 'pdf';

/** An attachment's row as listed or as just added (Kysely types `uploaded_at` differently in the two; a Date in both). */
type AttachmentMeta = Omit<reportAttachments.AttachmentRow, 'uploaded_at'> & { uploaded_at: unknown };

function toAttachment(row: AttachmentMeta): ReportAttachment {
  return {
    id: row.attachment_id,
    reportId: row.report_id,
    fileName: row.file_name,
    kind: kindOf(row.kind),
    mediaType: row.media_type,
    byteSize: row.byte_size,
    sha256: row.sha256,
    uploadedByUserId: row.uploaded_by,
    uploadedByName: row.uploaded_by_name ?? null,
    uploadedAt: iso(row.uploaded_at as Date | string),
  };
}

/** What the audit log keeps of the report an attachment belongs to, and of the file (never its bytes). */
function auditSubject(
  row: ReportRow,
  file: { fileName: string; byteSize: number; sha256: string; kind: string },
) {
  return {
    communityName: row.community_name,
    ventureName: row.venture_name,
    month: row.month,
    revision: row.revision,
    attachment: file,
  };
}

/** A file the upload route has read and checked: its kept name, type and hash. */
interface CheckedUpload {
  fileName: string;
  kind: AttachmentKind;
  mediaType: string;
  sha256: string;
  bytes: Uint8Array;
}

/** The name and bytes as sent, judged: 400 for the name, 413 or 422 for the bytes. */
export function checkUpload(rawName: string, bytes: Uint8Array): CheckedUpload {
  const fileName = cleanAttachmentName(rawName);
  if (!fileName) throw new ApiError(400, 'validation_failed', { fileName: 'attachment_bad_name' });
  const identified = identifyAttachment(fileName, bytes);
  if (!identified.ok) {
    const { refusal } = identified;
    if (refusal.code === 'attachment_too_large') {
      throw new ApiError(413, 'attachment_too_large', undefined, {
        limit: ATTACHMENT_MAX_BYTES / 1024 / 1024,
      });
    }
    if (refusal.code === 'attachment_empty') throw new ApiError(422, 'attachment_empty');
    throw new ApiError(422, refusal.code, undefined, { fileName });
  }
  return {
    fileName,
    kind: identified.kind,
    mediaType: identified.mediaType,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes,
  };
}

/** Whether this actor may add or remove attachments of this report now: role, reach, status and an open month. */
async function editableBy(trx: ScopedTransaction, actor: Actor, row: ReportRow): Promise<boolean> {
  if (!can(actor.scope.role, 'report:update')) return false;
  const reach = checkOn(actor.scope, 'report:update', {
    districtId: row.district_id,
    communityId: row.community_id,
    partnerIds: row.venture_operator_partner_id ? [row.venture_operator_partner_id] : [],
    authorUserIds: [],
  });
  if (!reach.allowed) return false;
  if (!isReportEditable(statusOf(row))) return false;
  const locked = await reports.isPeriodLocked(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    month: row.month,
  });
  return !locked;
}

export async function listAttachments(
  trx: ScopedTransaction,
  actor: Actor,
  reportId: string,
): Promise<ReportAttachmentList> {
  const row = await loadReport(trx, actor, 'report:read', reportId);
  const rows = await reportAttachments.listAttachments(trx, keyOf(row));
  return {
    items: rows.map(toAttachment),
    editable: await editableBy(trx, actor, row),
    maxBytes: ATTACHMENT_MAX_BYTES,
    maxCount: ATTACHMENT_MAX_COUNT,
  };
}

/**
 * The report, found in scope for editing and held (FOR NO KEY UPDATE) until COMMIT, with its status checked after the
 * hold: a submission racing this request either came first (409 here) or waits for it, and so does another upload or
 * removal on the same report (the 20 files' count holds at COMMIT).
 */
async function holdEditable(trx: ScopedTransaction, actor: Actor, reportId: string): Promise<ReportRow> {
  const row = await loadReport(trx, actor, 'report:update', reportId);
  const status = await reportAttachments.holdReport(trx, keyOf(row));
  if (status === null || !isReportStatus(status)) throw new Error(`report ${reportId} vanished while held`);
  if (!isReportEditable(status)) throw illegalIn(status);
  await assertOpenPeriod(trx, row);
  // the status as held: the one the history records
  return { ...row, status };
}

export async function addAttachment(
  trx: ScopedTransaction,
  actor: Actor,
  reportId: string,
  upload: { fileName: string; bytes: Uint8Array },
  requestId: string,
): Promise<ReportAttachment> {
  const row = await holdEditable(trx, actor, reportId);
  const file = checkUpload(upload.fileName, upload.bytes);
  const key = keyOf(row);
  // one statement: not added when the report has these bytes already (its unique key) or its 20 files — the report
  // is held, so no other upload counts beside this one
  const added = await reportAttachments.insertAttachment(trx, {
    ...key,
    ventureId: row.venture_id,
    fileName: file.fileName,
    kind: file.kind,
    mediaType: file.mediaType,
    sha256: file.sha256,
    content: file.bytes,
    uploadedBy: actor.userId,
    maxCount: ATTACHMENT_MAX_COUNT,
  });
  if (!added) {
    const same = await reportAttachments.findBySha256(trx, key, file.sha256);
    if (same) throw new ApiError(409, 'attachment_duplicate', undefined, { fileName: same.file_name });
    throw new ApiError(409, 'attachment_limit_reached', undefined, { limit: ATTACHMENT_MAX_COUNT });
  }
  await recordInHistory(trx, actor, row, 'attach', file.fileName);
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: actor.userId,
    action: 'report.attachment.add',
    entityType: 'monthly_report',
    entityId: row.report_id,
    after: auditSubject(row, {
      fileName: file.fileName,
      byteSize: file.bytes.byteLength,
      sha256: file.sha256,
      kind: file.kind,
    }),
    requestId,
  });
  return toAttachment(added);
}

/**
 * A file added or removed is part of the report's history, which its reporter and reviewer both read (the audit
 * log is the district's alone, and RLS keeps a partner out of it). The status does not change; the file's name is
 * the entry's comment.
 */
function recordInHistory(
  trx: ScopedTransaction,
  actor: Actor,
  row: ReportRow,
  action: 'attach' | 'detach',
  fileName: string,
) {
  return recordEvent(trx, actor, row, { action, from: row.status, to: row.status, comment: fileName });
}

export async function removeAttachment(
  trx: ScopedTransaction,
  actor: Actor,
  reportId: string,
  attachmentId: string,
  requestId: string,
): Promise<void> {
  const row = await holdEditable(trx, actor, reportId);
  const key = keyOf(row);
  const removed = await reportAttachments.deleteAttachment(trx, key, attachmentId);
  if (!removed) throw new ApiError(404, 'not_found');
  await recordInHistory(trx, actor, row, 'detach', removed.file_name);
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: actor.userId,
    action: 'report.attachment.remove',
    entityType: 'monthly_report',
    entityId: row.report_id,
    before: auditSubject(row, {
      fileName: removed.file_name,
      byteSize: removed.byte_size,
      sha256: removed.sha256,
      kind: removed.kind,
    }),
    requestId,
  });
}

/** One attachment's bytes, as whoever reads the report. */
export async function readAttachment(
  trx: ScopedTransaction,
  actor: Actor,
  reportId: string,
  attachmentId: string,
) {
  const row = await loadReport(trx, actor, 'report:read', reportId);
  const found = await reportAttachments.readAttachment(trx, keyOf(row), attachmentId);
  if (!found) throw new ApiError(404, 'not_found');
  return {
    fileName: found.file_name,
    kind: kindOf(found.kind),
    mediaType: found.media_type,
    content: found.content,
  };
}
