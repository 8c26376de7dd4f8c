import { Card, Descriptions, Empty, Flex, Grid, Pagination, Table, type TableColumnsType } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { PAGE_SIZE } from './register-frame';

type Paging =
  | false
  | {
      current: number;
      pageSize: number;
      total: number;
      showSizeChanger: boolean;
      onChange: (page: number) => void;
    };

function cell<T>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const key = column.dataIndex as keyof T | undefined;
  const value = key === undefined ? undefined : row[key];
  return column.render ? (column.render(value, row, index) as ReactNode) : (value as ReactNode);
}

/**
 * A register list: a table on a desk (scrolling sideways when narrow), one card per row on a phone (under the md
 * breakpoint) built from the same columns — the first column is the card's title, the others its lines.
 */
export function RegisterTable<T extends { id: string }>({
  columns,
  dataSource,
  pagination = false,
  emptyText,
  expandedRow,
  footer,
}: {
  columns: TableColumnsType<T>;
  dataSource: readonly T[];
  pagination?: Paging;
  emptyText: ReactNode;
  /** more about a row: expandable in the table, at the foot of its card on a phone */
  expandedRow?: { rowExpandable: (row: T) => boolean; render: (row: T) => ReactNode };
  /** a closing line (totals) */
  footer?: { label: ReactNode; value: ReactNode };
}) {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  if (!phone) {
    return (
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={dataSource as T[]}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        {...(expandedRow
          ? {
              expandable: { rowExpandable: expandedRow.rowExpandable, expandedRowRender: expandedRow.render },
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
  const page = pagination ? pagination.current : 1;
  const size = pagination ? pagination.pageSize : PAGE_SIZE;
  const rows = pagination ? dataSource.slice((page - 1) * size, page * size) : dataSource;
  const [first, ...rest] = columns as ColumnType<T>[];
  return (
    <Flex vertical gap={12}>
      {rows.map((row, index) => (
        <Card key={row.id} size="small" title={first ? cell(first, row, index) : null}>
          <Descriptions
            size="small"
            column={1}
            items={rest.map((column, i) => ({
              key: String(column.key ?? column.dataIndex ?? i),
              label: column.title as ReactNode,
              children: cell(column, row, index),
            }))}
          />
          {expandedRow?.rowExpandable(row) ? (
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
