import type { ReportEvent } from '@gongfu/contract';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import { ReportEvents } from './components/report-events';

const CLERK = '55555555-5555-4555-8555-000000000001';
const REVIEWER = '55555555-5555-4555-8555-000000000002';

const event = (
  n: number,
  action: string,
  actorUserId: string,
  comment: string | null,
  status: ReportEvent['toStatus'] = 'draft',
): ReportEvent => ({
  id: `99999999-9999-4999-8999-${String(n).padStart(12, '0')}`,
  action,
  fromStatus: status,
  toStatus: status,
  actorUserId,
  comment,
  at: `2026-12-0${n}T01:00:00.000Z`,
});

const HISTORY = [
  event(1, 'create', CLERK, null),
  event(2, 'attach', CLERK, '11月 阅览室发票.pdf'),
  event(3, 'attach', CLERK, '多传的照片.png'),
  event(4, 'detach', CLERK, '多传的照片.png'),
  event(5, 'submit', CLERK, null, 'submitted'),
  event(6, 'return', REVIEWER, '请补充水电费发票', 'returned'),
  event(7, 'attach', CLERK, '水电费发票.jpg', 'returned'),
];

describe('a report’s history', () => {
  it('names each file added and removed, by whom, in its place among the workflow’s steps', () => {
    render(<ReportEvents events={HISTORY} myUserId={REVIEWER} />);
    const lines = [...document.querySelectorAll('.ant-timeline-item-content')].map(
      (item) => item.textContent,
    );
    expect(lines).toEqual([
      '创建草稿 · 填报人',
      '上传附件 · 填报人11月 阅览室发票.pdf',
      '上传附件 · 填报人多传的照片.png',
      '删除附件 · 填报人多传的照片.png',
      '提交审核 · 填报人',
      '退回 · 我请补充水电费发票',
      '上传附件 · 填报人水电费发票.jpg',
    ]);
  });

  it('speaks English', async () => {
    await i18n.changeLanguage('en');
    render(<ReportEvents events={HISTORY.slice(2, 4)} myUserId={CLERK} />);
    expect(screen.getByText('Attached a file')).toBeInTheDocument();
    expect(screen.getByText('Removed a file')).toBeInTheDocument();
  });
});
