import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX,
  attachmentTypeOfName,
  cleanAttachmentName,
  identifyAttachment,
  opensInBrowser,
} from './attachments';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('identifyAttachment', () => {
  it('knows each accepted type by its first bytes and its name', () => {
    expect(identifyAttachment('发票.PDF', ascii('%PDF-1.7 …'))).toEqual({
      ok: true,
      kind: 'pdf',
      mediaType: 'application/pdf',
    });
    expect(identifyAttachment('a.jpeg', bytes(0xff, 0xd8, 0xff, 0xe1))).toMatchObject({
      ok: true,
      mediaType: 'image/jpeg',
    });
    expect(identifyAttachment('a.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toMatchObject({
      ok: true,
      mediaType: 'image/png',
    });
    expect(identifyAttachment('a.webp', ascii('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toMatchObject({
      ok: true,
      kind: 'image',
    });
    expect(identifyAttachment('纪要.docx', bytes(0x50, 0x4b, 0x03, 0x04))).toMatchObject({
      ok: true,
      kind: 'word',
    });
    expect(identifyAttachment('台账.xlsx', bytes(0x50, 0x4b, 0x03, 0x04))).toMatchObject({
      ok: true,
      kind: 'excel',
    });
  });

  it('refuses a file whose bytes are not what its name says', () => {
    expect(identifyAttachment('invoice.pdf', ascii('<html>'))).toEqual({
      ok: false,
      refusal: { code: 'attachment_content_mismatch' },
    });
    // a PNG renamed .jpg, a RIFF that is a WAV
    expect(identifyAttachment('a.jpg', bytes(0x89, 0x50, 0x4e, 0x47))).toMatchObject({ ok: false });
    expect(identifyAttachment('a.webp', ascii('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toMatchObject({
      ok: false,
    });
  });

  it('refuses types no report takes, empty files and files over the limit', () => {
    expect(identifyAttachment('setup.exe', bytes(0x4d, 0x5a))).toEqual({
      ok: false,
      refusal: { code: 'attachment_unsupported_type' },
    });
    expect(identifyAttachment('noextension', ascii('%PDF-'))).toMatchObject({
      refusal: { code: 'attachment_unsupported_type' },
    });
    expect(identifyAttachment('a.pdf', new Uint8Array())).toEqual({
      ok: false,
      refusal: { code: 'attachment_empty' },
    });
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(ascii('%PDF-'));
    expect(identifyAttachment('a.pdf', big)).toEqual({
      ok: false,
      refusal: { code: 'attachment_too_large', limitBytes: ATTACHMENT_MAX_BYTES },
    });
  });

  it('offers the browser the same extensions it accepts', () => {
    expect(ATTACHMENT_ACCEPT).toBe('.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx');
    expect(attachmentTypeOfName('扫描件.JPG')).toEqual({ kind: 'image', mediaType: 'image/jpeg' });
    expect(attachmentTypeOfName('旧版.xls')).toBeNull();
  });
});

describe('opensInBrowser', () => {
  it('shows PDF and images in the browser and saves Word and Excel files', () => {
    expect(ATTACHMENT_KINDS.filter(opensInBrowser)).toEqual(['pdf', 'image']);
    expect(ATTACHMENT_KINDS.filter((kind) => !opensInBrowser(kind))).toEqual(['word', 'excel']);
  });
});

describe('cleanAttachmentName', () => {
  it('keeps the last path segment, without control or reserved characters', () => {
    expect(cleanAttachmentName('C:\\fakepath\\2026年11月 发票.pdf')).toBe('2026年11月 发票.pdf');
    expect(cleanAttachmentName('a\u0000b<c>:d|e?.pdf')).toBe('a_b_c__d_e_.pdf');
    expect(cleanAttachmentName('  空格.pdf  ')).toBe('空格.pdf');
  });

  it('answers null when nothing usable is left', () => {
    expect(cleanAttachmentName('')).toBeNull();
    expect(cleanAttachmentName('/../')).toBeNull();
    expect(cleanAttachmentName('..')).toBeNull();
  });

  it('shortens a long name and keeps its extension', () => {
    const name = cleanAttachmentName(`${'长'.repeat(200)}.xlsx`);
    expect(name).toHaveLength(ATTACHMENT_NAME_MAX);
    expect(name?.endsWith('长.xlsx')).toBe(true);
  });
});
