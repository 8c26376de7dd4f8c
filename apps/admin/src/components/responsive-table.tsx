import { Card, Descriptions, Empty, Flex, Grid, Pagination, Table, type TableColumnsType } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';

export type ResponsivePaging =
  | false
  | {
      current: number;
      pageSize: number;
      total: number;
      showSizeChanger?: boolean;
      onChange: (page: number) => void;
      /**
       * The rows are this page only, as the API sent it (server-side paging). Without it the rows are the full
       * list and the page is cut out of it here (client-side paging).
       */
      server?: boolean;
    };

function cell<T>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const key = column.dataIndex as keyof T | undefined;
  const value = key === undefined ? undefined : row[key];
  return column.render ? (column.render(value, row, index) as ReactNode) : (value as ReactNode);
}

function keyOf<T>(column: ColumnType<T>, index: number): string {
  return String(column.key ?? column.dataIndex ?? index);
}

/**
 * A list: a table on a desk (scrolling sideways when narrow), one card per row on a phone (under the md
 * breakpoint) built from the same columns — by default the first column is the card's title and the others its
 * lines. Pages either way: the full list sliced here, or one page from the API (`pagination.server`); a list with
 * its own pager (a cursor) passes `pagination={false}`.
 */
export function ResponsiveTable<T extends { id: string }>({
  columns,
  dataSource,
  pagination = false,
  emptyText,
  expandedRow,
  footer,
  rowClassName,
  onRowClick,
  cardTitle,
  cardAction,
  size = 'middle',
}: {
  columns: TableColumnsType<T>;
  dataSource: readonly T[];
  pagination?: ResponsivePaging;
  emptyText: ReactNode;
  /** more about a row: expandable in the table, at the foot of its card on a phone (every row unless told) */
  expandedRow?: { rowExpandable?: (row: T) => boolean; render: (row: T) => ReactNode };
  /** a closing line (totals) */
  footer?: { label: ReactNode; value: ReactNode };
  /** a row's class, on its table row and on its card */
  rowClassName?: (row: T) => string;
  /** a row (or card) clicked: open it — its own buttons and links still do their own thing */
  onRowClick?: (row: T) => void;
  /** on a phone, the keys of the columns that make the card's title, side by side (default: the first column) */
  cardTitle?: readonly string[];
  /** on a phone, the key of the column (its buttons) shown at the card's top right, always in reach */
  cardAction?: string;
  /** the table's density on a desk: `small` for a list inside a card of a detail page */
  size?: 'small' | 'middle';
}) {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  if (!phone) {
    const { server: _server, ...tablePaging } = pagination || {};
    return (
      <Table<T>
        rowKey="id"
        size={size}
        columns={columns}
        dataSource={dataSource as T[]}
        scroll={{ x: 'max-content' }}
        pagination={pagination ? tablePaging : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        {...(rowClassName ? { rowClassName: (row: T) => rowClassName(row) } : {})}
        {...(onRowClick
          ? { onRow: (row: T) => ({ onClick: () => onRowClick(row), style: { cursor: 'pointer' } }) }
          : {})}
        {...(expandedRow
          ? {
              expandable: {
                ...(expandedRow.rowExpandable ? { rowExpandable: expandedRow.rowExpandable } : {}),
                expandedRowRender: expandedRow.render,
              },
            }
          : {})}
        {...(footer
          ? {
              summary: () => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={columns.length - (expandedRow ? 0 : 1)}>
                    {footer.label}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {footer.value}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ),
            }
          : {})}
      />
    );
  }
  if (dataSource.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  const sliced = pagination && !pagination.server;
  const rows = sliced
    ? dataSource.slice(
        (pagination.current - 1) * pagination.pageSize,
        pagination.current * pagination.pageSize,
      )
    : dataSource;
  const all = columns as ColumnType<T>[];
  const titleKeys = cardTitle ?? (all[0] ? [keyOf(all[0], 0)] : []);
  const titled = all.map((column, i) => ({ column, key: keyOf(column, i) }));
  const titles = titled.filter((c) => titleKeys.includes(c.key));
  const action = titled.find((c) => c.key === cardAction);
  const lines = titled.filter((c) => !titleKeys.includes(c.key) && c.key !== cardAction);
  return (
    <Flex vertical gap={12}>
      {rows.map((row, index) => (
        <Card
          key={row.id}
          size="small"
          className={rowClassName?.(row)}
          // a card is never wider than the screen: long words break rather than push it out
          style={{ minWidth: 0, overflowWrap: 'anywhere', ...(onRowClick ? { cursor: 'pointer' } : {}) }}
          onClick={onRowClick ? () => onRowClick(row) : undefined}
          title={
            titles.length > 0 ? (
              // the title wraps rather than cutting off what tells the rows apart
              <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal', padding: '6px 0' }}>
                {titles.map(({ column, key }) => (
                  <span key={key}>{cell(column, row, index)}</span>
                ))}
              </Flex>
            ) : null
          }
          extra={action ? cell(action.column, row, index) : undefined}
        >
          <Descriptions
            size="small"
            column={1}
            items={lines.map(({ column, key }) => ({
              key,
              label: column.title as ReactNode,
              children: cell(column, row, index),
            }))}
          />
          {expandedRow && (expandedRow.rowExpandable?.(row) ?? true) ? (
            <div style={{ marginTop: 8 }}>{expandedRow.render(row)}</div>
          ) : null}
        </Card>
      ))}
      {footer ? (
        <Flex justify="space-between" style={{ fontWeight: 600, padding: '0 4px' }}>
          <span>{footer.label}</span>
          <span>{footer.value}</span>
        </Flex>
      ) : null}
      {pagination ? (
        <Pagination
          simple
          align="center"
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={pagination.onChange}
        />
      ) : null}
    </Flex>
  );
}
