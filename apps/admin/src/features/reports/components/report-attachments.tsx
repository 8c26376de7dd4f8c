import {
  DeleteOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  InboxOutlined,
  LoadingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { ReportAttachment } from '@gongfu/contract';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  type AttachmentKind,
  attachmentTypeOfName,
  cleanAttachmentName,
  identifyAttachment,
  opensInBrowser,
} from '@gongfu/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Grid,
  Popconfirm,
  Progress,
  Skeleton,
  Typography,
  theme,
  Upload,
  type UploadProps,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { instantText } from '../../../lib/shanghai-time';
import { useMe } from '../../auth/api/get-me';
import {
  attachmentUrl,
  openAttachment,
  useDeleteAttachment,
  useReportAttachments,
  useUploadAttachment,
} from '../api/attachments';

const MB = 1024 * 1024;

/** A file's size as people read it: whole KB below 1 MB, MB with one decimal above. */
export function fileSizeText(bytes: number): string {
  return bytes < MB ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / MB).toFixed(1)} MB`;
}

const KIND_ICON: Record<AttachmentKind, (color: string) => ReactNode> = {
  pdf: (color) => <FilePdfOutlined style={{ color }} />,
  image: (color) => <FileImageOutlined style={{ color }} />,
  word: (color) => <FileWordOutlined style={{ color }} />,
  excel: (color) => <FileExcelOutlined style={{ color }} />,
};

/**
 * A monthly report's attachments (附件): the files that back its figures. Anyone who reads the report can open them;
 * while the API says the caller may edit them (`editable`: role, a draft or returned report, an open month) files
 * are added — checked here first by name, size and first bytes, as the API checks them — and removed.
 * Without a report yet (`reportId` undefined) the card says when uploading becomes possible.
 */
export function ReportAttachments({
  reportId,
  awaitingReview = false,
}: {
  reportId: string | undefined;
  /** the filer's own submitted report: the card says how a forgotten file can still be added */
  awaitingReview?: boolean;
}) {
  const { t } = useTranslation();
  if (reportId === undefined) {
    return (
      <Card size="small" title={t('reports.attachments.title')}>
        <Typography.Text type="secondary">{t('reports.attachments.saveDraftFirst')}</Typography.Text>
      </Card>
    );
  }
  return <AttachmentsOf reportId={reportId} awaitingReview={awaitingReview} />;
}

interface Uploading {
  uid: string;
  name: string;
  percent: number;
}

interface Refusal {
  uid: string;
  text: string;
}

function AttachmentsOf({ reportId, awaitingReview }: { reportId: string; awaitingReview: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const list = useReportAttachments(reportId);
  const upload = useUploadAttachment(reportId);
  const remove = useDeleteAttachment(reportId);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [opening, setOpening] = useState<string | null>(null);
  // files accepted in this browser whose upload has not finished: counted against the limit with those listed
  // (a batch's files are checked one after another, before any of them has been sent)
  const reserved = useRef(0);

  const items = list.data?.items ?? [];
  const maxBytes = list.data?.maxBytes ?? ATTACHMENT_MAX_BYTES;
  const maxCount = list.data?.maxCount ?? ATTACHMENT_MAX_COUNT;
  const maxMb = Math.round((maxBytes / MB) * 10) / 10;
  const editable = list.data?.editable === true;

  const refuse = (uid: string, text: string) => setRefusals((r) => [...r, { uid, text }]);

  /** The browser's own check, by name and size, before a byte is read: the API would refuse the same. */
  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    // a new choice of files replaces what was said of the last one
    if (file === batch[0]) setRefusals([]);
    const name = file.name;
    let refusal: string | null = null;
    if (!cleanAttachmentName(name)) refusal = t('reports.attachments.refused.name', { name });
    else if (!attachmentTypeOfName(name)) refusal = t('reports.attachments.refused.type', { name });
    else if (file.size === 0) refusal = t('reports.attachments.refused.empty', { name });
    else if (file.size > maxBytes) {
      refusal = t('reports.attachments.refused.size', { name, size: fileSizeText(file.size), maxMb });
    } else if (items.length + reserved.current >= maxCount) {
      refusal = t('reports.attachments.refused.count', { name, maxCount });
    }
    if (refusal) {
      refuse(file.uid, refusal);
      return Upload.LIST_IGNORE;
    }
    reserved.current += 1;
    return true;
  };

  /** Reads the file, checks its first bytes as the API does, and sends them. */
  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File & { uid: string };
    const { uid, name } = file;
    const controller = new AbortController();
    setUploading((u) => [...u, { uid, name, percent: 0 }]);
    const fail = (text: string, error: Error) => {
      refuse(uid, text);
      options.onError?.(error);
    };
    void (async () => {
      try {
        const fileName = cleanAttachmentName(name) ?? name;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const identified = identifyAttachment(fileName, bytes);
        if (!identified.ok) {
          const code = identified.refusal.code;
          const text =
            code === 'attachment_empty'
              ? t('reports.attachments.refused.empty', { name })
              : code === 'attachment_too_large'
                ? t('reports.attachments.refused.size', { name, size: fileSizeText(bytes.length), maxMb })
                : code === 'attachment_unsupported_type'
                  ? t('reports.attachments.refused.type', { name })
                  : t('reports.attachments.refused.content', { name });
          fail(text, new Error(text));
          return;
        }
        const added = await upload.mutateAsync({
          fileName,
          bytes,
          mediaType: identified.mediaType,
          signal: controller.signal,
          onProgress: (percent) => setUploading((u) => u.map((f) => (f.uid === uid ? { ...f, percent } : f))),
        });
        options.onSuccess?.(added);
      } catch (error) {
        if (controller.signal.aborted) return;
        const text = error instanceof Error ? error.message : String(error);
        fail(t('reports.attachments.refused.server', { name, message: text }), error as Error);
      } finally {
        reserved.current -= 1;
        setUploading((u) => u.filter((f) => f.uid !== uid));
      }
    })();
    // the uploader aborts what is still being sent when it goes away (the report was submitted, the page left)
    return { abort: () => controller.abort() };
  };

  const open = async (attachment: ReportAttachment) => {
    // the tab opens in the click (one opened after the fetch would be blocked as a popup); the bytes follow
    const target = opensInBrowser(attachment.kind) ? window.open('', '_blank') : null;
    if (target) {
      target.opener = null;
      target.document.title = attachment.fileName;
      target.document.body.textContent = t('reports.attachments.opening');
    }
    setOpening(attachment.id);
    try {
      await openAttachment(attachment, target);
    } catch (error) {
      target?.close();
      void message.error(
        t('reports.attachments.openFailed', {
          name: attachment.fileName,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    } finally {
      setOpening(null);
    }
  };

  const confirmDelete = async (attachment: ReportAttachment) => {
    try {
      await remove.mutateAsync(attachment);
      void message.success(t('reports.attachments.deleteDone', { name: attachment.fileName }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };

  // while files can be added the title says how many more may come (附件（2/20）)
  const title = list.data
    ? editable
      ? t('reports.attachments.titleCountOfMax', { count: items.length, maxCount })
      : t('reports.attachments.titleCount', { count: items.length })
    : t('reports.attachments.title');

  let body: ReactNode;
  if (list.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        title={list.error.message}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (list.isPending) {
    body = <Skeleton active title={false} paragraph={{ rows: 1 }} />;
  } else if (!editable && items.length === 0 && uploading.length === 0) {
    // read only and nothing attached: one quiet line, not an empty box
    body = <Typography.Text type="secondary">{t('reports.attachments.none')}</Typography.Text>;
  } else {
    const full = items.length >= maxCount;
    const uploadProps: UploadProps = {
      // the picker offers the accepted types; a file dropped (or picked with "all files") is still checked here,
      // and told why it is refused rather than silently left out
      accept: { format: ATTACHMENT_ACCEPT, filter: 'native' },
      multiple: true,
      showUploadList: false,
      disabled: full,
      beforeUpload,
      customRequest,
    };
    body = (
      <Flex vertical gap={token.marginSM}>
        {editable ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t('reports.attachments.accepted', { maxMb, maxCount })}
            </Typography.Text>
            {screens.md ? (
              // compact: a band under the form, not a second page
              <Upload.Dragger {...uploadProps}>
                <Flex
                  justify="center"
                  align="center"
                  gap={token.marginSM}
                  style={{ paddingInline: token.padding, color: token.colorTextSecondary }}
                >
                  <InboxOutlined style={{ fontSize: 28, color: full ? undefined : token.colorPrimary }} />
                  <span style={{ color: token.colorText }}>
                    {full ? t('reports.attachments.full', { maxCount }) : t('reports.attachments.drop')}
                  </span>
                </Flex>
              </Upload.Dragger>
            ) : (
              <Flex vertical gap={4}>
                <Upload {...uploadProps}>
                  <Button icon={<UploadOutlined />} disabled={full}>
                    {t('reports.attachments.upload')}
                  </Button>
                </Upload>
                {full ? (
                  <Typography.Text type="secondary">
                    {t('reports.attachments.full', { maxCount })}
                  </Typography.Text>
                ) : null}
              </Flex>
            )}
          </>
        ) : null}
        {refusals.length > 0 ? (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setRefusals([]) }}
            title={
              refusals.length === 1
                ? refusals[0]?.text
                : t('reports.attachments.refusedTitle', { count: refusals.length })
            }
            description={
              refusals.length > 1 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {refusals.map((r) => (
                    <li key={r.uid} style={{ overflowWrap: 'anywhere' }}>
                      {r.text}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
            style={{ overflowWrap: 'anywhere' }}
          />
        ) : null}
        {uploading.map((f) => (
          <div key={f.uid} role="status" style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
              {t('reports.attachments.uploading', { name: f.name })}
            </Typography.Text>
            <Progress percent={f.percent} size="small" />
          </div>
        ))}
        {items.length > 0 ? (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((attachment, index) => (
              <li
                key={attachment.id}
                style={{
                  display: 'flex',
                  gap: token.marginSM,
                  alignItems: 'flex-start',
                  paddingBlock: token.paddingXS,
                  borderTop: index > 0 ? `1px solid ${token.colorBorderSecondary}` : undefined,
                }}
              >
                <span
                  role="img"
                  aria-label={t(`reports.attachments.kind.${attachment.kind}`)}
                  style={{ fontSize: 20, lineHeight: 1, paddingTop: 2 }}
                >
                  {KIND_ICON[attachment.kind](kindColor(attachment.kind, token))}
                </span>
                <div style={{ flex: '1 1 auto', minWidth: 0 }}>
                  <Typography.Link
                    href={attachmentUrl(reportId, attachment.id)}
                    title={attachment.fileName}
                    aria-label={t('reports.attachments.open', { name: attachment.fileName })}
                    onClick={(e) => {
                      // a modified click (new tab, save link) is the browser's; a plain one fetches and shows
                      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                      e.preventDefault();
                      void open(attachment);
                    }}
                    style={{ overflowWrap: 'anywhere', wordBreak: 'break-word' }}
                  >
                    {attachment.fileName}
                  </Typography.Link>
                  {opening === attachment.id ? (
                    <LoadingOutlined
                      style={{ marginInlineStart: 6 }}
                      aria-label={t('reports.attachments.opening')}
                    />
                  ) : null}
                  <div style={{ color: token.colorTextSecondary, fontSize: token.fontSizeSM }}>
                    {t('reports.attachments.meta', {
                      size: fileSizeText(attachment.byteSize),
                      who:
                        attachment.uploadedByUserId === me.user.id
                          ? t('reports.attachments.me')
                          : (attachment.uploadedByName ?? t('reports.attachments.unknownUser')),
                    })}{' '}
                    {/* a date is read whole: never broken at its hyphens on a phone */}
                    <span style={{ whiteSpace: 'nowrap' }}>{instantText(attachment.uploadedAt)}</span>
                  </div>
                </div>
                {editable ? (
                  <Popconfirm
                    title={t('reports.attachments.deleteConfirm', { name: attachment.fileName })}
                    okText={t('reports.attachments.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => confirmDelete(attachment)}
                  >
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('reports.attachments.deleteLabel', { name: attachment.fileName })}
                    />
                  </Popconfirm>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Flex>
    );
  }

  return (
    <Card size="small" title={title} styles={{ body: { minWidth: 0 } }}>
      {awaitingReview && list.data && !editable ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: token.marginXS }}>
          {t('reports.attachments.lockedHint')}
        </Typography.Paragraph>
      ) : null}
      {body}
    </Card>
  );
}

/** The colours people know these files by (Word blue, Excel green), from the theme's palettes. */
function kindColor(kind: AttachmentKind, token: ReturnType<typeof theme.useToken>['token']): string {
  switch (kind) {
    case 'pdf':
      return token.red6;
    case 'word':
      return token.blue7;
    case 'excel':
      return token.green7;
    case 'image':
      return token.orange6;
  }
}
