/**
 * A monthly report's attachments (发票、台账照片、会议记录扫描件): which files a report may carry and how we know a file
 * is what its name says. The API believes neither the name nor the Content-Type a client sends: the first bytes decide
 * the kind, and the name's extension must agree with them. The browser checks the name and size before it uploads,
 * with the same table.
 */

/** The largest file one attachment may be: a phone photo or a scanned invoice, not a video. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** The most attachments one report may carry. */
export const ATTACHMENT_MAX_COUNT = 20;
/** The longest file name kept (characters). */
export const ATTACHMENT_NAME_MAX = 120;

export const ATTACHMENT_KINDS = ['pdf', 'image', 'word', 'excel'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

interface FileType {
  kind: AttachmentKind;
  mediaType: string;
  /** the extensions (lower case, without the dot) a name of this type may end with */
  extensions: readonly string[];
  /** the first bytes every file of this type starts with */
  magic: (bytes: Uint8Array) => boolean;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
// .docx and .xlsx are ZIP archives; which of the two is told by the name (the archive's parts would need unzipping)
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const FILE_TYPES: readonly FileType[] = [
  {
    kind: 'pdf',
    mediaType: 'application/pdf',
    extensions: ['pdf'],
    magic: (b) => startsWith(b, ascii('%PDF-')),
  },
  {
    kind: 'image',
    mediaType: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    magic: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    kind: 'image',
    mediaType: 'image/png',
    extensions: ['png'],
    magic: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    kind: 'image',
    mediaType: 'image/webp',
    extensions: ['webp'],
    magic: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  },
  {
    kind: 'word',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: (b) => startsWith(b, ZIP),
  },
  {
    kind: 'excel',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: (b) => startsWith(b, ZIP),
  },
];

/** The extensions a report's attachment may have, for the browser's file picker (`.pdf,.jpg,…`). */
export const ATTACHMENT_ACCEPT = FILE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');

/** The media types the upload route accepts (a browser may send any of them, or none we trust). */
export const ATTACHMENT_MEDIA_TYPES = [...new Set(FILE_TYPES.map((t) => t.mediaType))];

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The type a name's extension claims, or null when no attachment may have it (checked before any byte is sent). */
export function attachmentTypeOfName(fileName: string): { kind: AttachmentKind; mediaType: string } | null {
  const extension = extensionOf(fileName);
  const type = FILE_TYPES.find((t) => t.extensions.includes(extension));
  return type ? { kind: type.kind, mediaType: type.mediaType } : null;
}

export type AttachmentRefusal =
  | { code: 'attachment_empty' }
  | { code: 'attachment_too_large'; limitBytes: number }
  | { code: 'attachment_unsupported_type' }
  | { code: 'attachment_content_mismatch' };

/**
 * What a file is, from its name and its bytes: the name's extension picks the type, the bytes must start as that type
 * does. A renamed .exe, an HTML page called invoice.pdf, a PNG called .jpg — refused, never stored.
 */
export function identifyAttachment(
  fileName: string,
  bytes: Uint8Array,
): { ok: true; kind: AttachmentKind; mediaType: string } | { ok: false; refusal: AttachmentRefusal } {
  if (bytes.length === 0) return { ok: false, refusal: { code: 'attachment_empty' } };
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    return { ok: false, refusal: { code: 'attachment_too_large', limitBytes: ATTACHMENT_MAX_BYTES } };
  }
  const extension = extensionOf(fileName);
  const type = FILE_TYPES.find((t) => t.extensions.includes(extension));
  if (!type) return { ok: false, refusal: { code: 'attachment_unsupported_type' } };
  if (!type.magic(bytes)) return { ok: false, refusal: { code: 'attachment_content_mismatch' } };
  return { ok: true, kind: type.kind, mediaType: type.mediaType };
}

/**
 * Whether the browser shows a file of this kind itself (its PDF viewer, an image) — served `inline` and opened in a
 * tab — rather than saving it (Word and Excel files download). The API's answer and the browser's click agree on it.
 */
export function opensInBrowser(kind: AttachmentKind): boolean {
  return kind === 'pdf' || kind === 'image';
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is taken out
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

/**
 * The name kept for a file: its last path segment (a browser may send C:\fakepath\…), without control characters or
 * the characters no file system accepts, trimmed, and at most ATTACHMENT_NAME_MAX characters with its extension kept.
 * Null when nothing is left.
 */
export function cleanAttachmentName(raw: string): string | null {
  const last = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = last.replace(UNSAFE_IN_NAME, '_').trim();
  if (cleaned === '' || /^[._]+$/.test(cleaned)) return null;
  const chars = [...cleaned];
  if (chars.length <= ATTACHMENT_NAME_MAX) return cleaned;
  const extension = extensionOf(cleaned);
  const tail = extension ? `.${extension}` : '';
  return chars.slice(0, ATTACHMENT_NAME_MAX - tail.length).join('') + tail;
}
