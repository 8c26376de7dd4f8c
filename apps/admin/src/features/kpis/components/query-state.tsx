import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** true when the answer holds nothing to show */
  isEmpty?: (data: T) => boolean;
  emptyText: string;
  /** skeleton rows while loading */
  rows?: number;
  children: (data: T) => ReactNode;
}

/**
 * Loading, error and empty states of one panel, the same everywhere: a skeleton, the server's message with a
 * retry, an Empty. While a new selection loads, the previous answer stays visible, dimmed.
 */
export function QueryState<T>({ query, isEmpty, emptyText, rows = 4, children }: QueryStateProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div role="status" aria-label={t('kpi.state.loading')}>
        <Skeleton active paragraph={{ rows }} title={false} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('kpi.state.error')}
        description={query.error instanceof Error ? query.error.message : String(query.error)}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  const data = query.data;
  if (isEmpty?.(data)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <div
      aria-busy={query.isPlaceholderData || undefined}
      style={{ opacity: query.isPlaceholderData ? 0.55 : 1, transition: 'opacity 0.2s' }}
    >
      {children(data)}
    </div>
  );
}

/** The API says a KPI cannot be computed in this scope (and why, in the UI language). */
export function UnavailableNotice({ message }: { message: string | undefined }) {
  const { t } = useTranslation();
  return <Alert type="info" showIcon title={t('kpi.state.unavailable')} description={message} />;
}
