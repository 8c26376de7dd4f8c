import { Alert, Button, Drawer, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { isStale } from '../form';

export interface FormDrawerProps {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: () => void;
  submitText: string;
  pending: boolean;
  /** the last refusal: said above the form (its field errors are on the fields) */
  error: unknown;
  /** field errors the form has no field for */
  unplaced?: readonly { path: string; text: string }[];
  /** a stale edit (409): read the object again; the typed values stay */
  onReload?: () => void;
  /** set when the refusal is shown on a field instead (e.g. an amount above a limit) */
  errorOnField?: boolean;
  /** the heading of a refusal (default: 未能办理) */
  refusedTitle?: string | undefined;
  children: ReactNode;
}

/**
 * The drawer every form of the funds pages uses: the form, a footer with cancel and submit, and what the
 * server said — a stale edit in plain words with a way to reload, a refusal with the server's reason, a
 * dropped connection or a server failure as "try again".
 */
export function FormDrawer({
  title,
  open,
  onClose,
  onSubmit,
  submitText,
  pending,
  error,
  unplaced = [],
  onReload,
  errorOnField = false,
  refusedTitle,
  children,
}: FormDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={screens.md ? 480 : '100%'}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={onSubmit}>
            {submitText}
          </Button>
        </Flex>
      }
    >
      {error && !errorOnField ? (
        <ErrorNotice error={error} unplaced={unplaced} onReload={onReload} refusedTitle={refusedTitle} />
      ) : null}
      {children}
    </Drawer>
  );
}

function ErrorNotice({
  error,
  unplaced,
  onReload,
  refusedTitle,
}: {
  refusedTitle?: string | undefined;
  error: unknown;
  unplaced: readonly { path: string; text: string }[];
  onReload?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  if (isStale(error)) {
    return (
      <Alert
        role="alert"
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('funds.form.staleTitle')}
        description={t('funds.form.staleBody')}
        action={
          onReload ? (
            <Button size="small" onClick={onReload}>
              {t('funds.form.reload')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  const transient = isApiError(error) && (error.status === 0 || error.status >= 500);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={transient ? t('funds.form.failedTitle') : (refusedTitle ?? t('funds.form.refusedTitle'))}
      description={
        <>
          <div>{transient ? `${message} ${t('funds.form.tryAgain')}` : message}</div>
          {unplaced.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {unplaced.map(({ path, text }) => (
                <li key={path}>
                  {path}: {text}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      }
    />
  );
}
