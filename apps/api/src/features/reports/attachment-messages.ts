import type { Lang } from '../../i18n/messages';

/** A report's attachments: why a file was refused, in both languages. */
export const ATTACHMENT_MESSAGES = {
  attachment_bad_name: {
    'zh-CN': '文件名无效，请重命名后再上传',
    en: 'The file name is not usable; rename the file and upload it again',
  },
  attachment_empty: { 'zh-CN': '文件是空的', en: 'The file is empty' },
  attachment_too_large: {
    'zh-CN': '文件超过 {limit} MB 上限，请压缩或拆分后再上传',
    en: 'The file is larger than {limit} MB; compress or split it first',
  },
  attachment_unsupported_type: {
    'zh-CN':
      '只接受 PDF、图片（JPG、PNG、WebP）、Word（.docx）和 Excel（.xlsx）文件，旧版 .doc、.xls 请先另存为 .docx、.xlsx',
    en: 'Only PDF, images (JPG, PNG, WebP), Word (.docx) and Excel (.xlsx) files are accepted; save an old .doc or .xls as .docx or .xlsx first',
  },
  attachment_content_mismatch: {
    'zh-CN': '“{fileName}”不是有效的文件，可能已损坏或被改过名，请重新扫描或导出后再上传',
    en: '“{fileName}” is not a valid file of its type; it may be damaged or renamed. Scan or export it again and upload it',
  },
  attachment_duplicate: {
    'zh-CN': '同一文件已作为“{fileName}”上传过',
    en: 'The same file is already attached as “{fileName}”',
  },
  attachment_limit_reached: {
    'zh-CN': '每份月报最多 {limit} 个附件，请先删除不需要的附件',
    en: 'A report may have at most {limit} attachments; remove one first',
  },
} as const satisfies Record<string, Record<Lang, string>>;
