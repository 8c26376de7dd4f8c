import { render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import {
  approvedReportingMatrix,
  kpiRanking,
  rankedAtZero,
  reportingMatrix,
} from '../../testing/kpi-fixtures';
import { givenKpiApi } from '../../testing/kpi-server';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import { WARNINGS } from '../warnings/testing/warnings-fixtures';
import { ExportButton } from './components/export-button';
import { filenameOf } from './download';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T12:00:00+08:00') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('filenameOf', () => {
  it('reads the RFC 5987 name, else the plain one', () => {
    expect(
      filenameOf(
        `attachment; filename="gongfu-kpi-ranking.xlsx"; filename*=UTF-8''${encodeURIComponent('社区排名-2026-10.xlsx')}`,
        'x',
      ),
    ).toBe('社区排名-2026-10.xlsx');
    expect(filenameOf('attachment; filename="gongfu-audit.csv"', 'x')).toBe('gongfu-audit.csv');
    expect(filenameOf(null, 'fallback.csv')).toBe('fallback.csv');
  });
});

/** Downloads go through an object URL and a clicked link: both observed here. */
function watchDownloads() {
  const names: string[] = [];
  const created = vi.fn((_: Blob) => 'blob:export');
  Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { names, created };
}

describe('the export button', () => {
  it('downloads the ranking with the page’s filters and says which file it saved', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    const asked: URL[] = [];
    server.use(
      http.get(api('/exports/:view'), ({ request }) => {
        asked.push(new URL(request.url));
        return new HttpResponse(new Uint8Array([1, 2, 3]), {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="gongfu-kpi-ranking.xlsx"; filename*=UTF-8''${encodeURIComponent('社区排名-2026-10.xlsx')}`,
          },
        });
      }),
    );
    const downloads = watchDownloads();
    const { user } = renderApp('/kpis?month=2026-10&period=quarter&tab=ranking');
    const rankingButton = await waitFor(() => {
      const found = document.querySelector<HTMLButtonElement>('[data-export="kpi-ranking"]');
      expect(found).not.toBeNull();
      return found as HTMLButtonElement;
    });
    await user.click(rankingButton);
    await user.click(await screen.findByText('Excel（.xlsx）'));
    expect(await screen.findByText('已导出 社区排名-2026-10.xlsx')).toBeInTheDocument();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.pathname).toBe('/api/v1/exports/kpi-ranking');
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      kpi: 'operating_revenue',
      period: 'quarter',
      month: '2026-10',
      format: 'xlsx',
    });
    expect(downloads.names).toEqual(['社区排名-2026-10.xlsx']);
    expect(downloads.created).toHaveBeenCalledOnce();
  });

  it('shows the API’s refusal instead of saving a file', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    server.use(
      http.get(api('/exports/:view'), () =>
        HttpResponse.json(
          errorBody('export_too_large', '符合条件的记录超过 20000 行，无法一次导出，请缩小筛选范围'),
          {
            status: 422,
          },
        ),
      ),
    );
    const downloads = watchDownloads();
    const { user } = renderApp('/kpis?month=2026-10&tab=overview');
    const button = await waitFor(() => {
      const found = document.querySelector<HTMLButtonElement>('[data-export="kpi-overview"]');
      expect(found).not.toBeNull();
      return found as HTMLButtonElement;
    });
    await user.click(button);
    await user.click(await screen.findByText('CSV（UTF-8）'));
    expect(await screen.findByText(/导出失败：符合条件的记录超过 20000 行/)).toBeInTheDocument();
    expect(downloads.names).toEqual([]);
  });
});

describe('the export button on a phone', () => {
  /** The button's words, spaces (antd's between two Chinese characters) left out. */
  const words = (view: string) =>
    document.querySelector(`[data-export="${view}"]`)?.textContent?.replace(/\s/g, '') ?? null;

  async function atWidth(width: number, run: () => Promise<void>) {
    const before = window.innerWidth;
    window.innerWidth = width;
    try {
      await run();
    } finally {
      window.innerWidth = before;
    }
  }

  it('says 导出 beside its icon, or shows the icon alone when its holder says compact — not by where it sits', () =>
    atWidth(390, async () => {
      render(
        <App>
          {/* a card's header class around a plain button, and a compact one outside any card */}
          <div className="ant-card-head">
            <ExportButton view="communities" label="导出社区名录" />
          </div>
          <ExportButton view="users" label="导出账号清单" compact />
        </App>,
      );
      await waitFor(() => expect(words('communities')).toBe('导出'));
      expect(words('users')).toBe('');
      // the full name is each button's either way
      expect(screen.getByRole('button', { name: '导出社区名录' })).toHaveAttribute(
        'data-export',
        'communities',
      );
      expect(screen.getByRole('button', { name: '导出账号清单' })).toHaveAttribute('data-export', 'users');
    }));

  it('on a desk a compact button still shows its words', () =>
    atWidth(1024, async () => {
      render(
        <App>
          <ExportButton view="users" label="导出账号清单" compact />
        </App>,
      );
      await waitFor(() => expect(words('users')).toBe('导出账号清单'));
    }));

  it('the cockpit’s card headers ask for the icon alone; the page’s own export keeps 导出', () =>
    atWidth(390, async () => {
      givenSession(meAs('district_admin'));
      givenKpiApi();
      renderApp('/kpis?month=2026-10&tab=ranking');
      const ranking = await waitFor(() => {
        const found = document.querySelector<HTMLElement>('[data-export="kpi-ranking"]');
        expect(found).not.toBeNull();
        return found as HTMLElement;
      });
      expect(ranking.closest('.ant-card-head')).not.toBeNull();
      expect(words('kpi-ranking')).toBe('');
      expect(words('kpi-overview')).toBe('导出');
    }));
});

describe('the monthly bulletin', () => {
  it('prints the month’s headline KPIs with 环比 and 同比, the ranking, reporting, warnings and fund flows', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    server.use(
      http.get(api('/warnings'), () => HttpResponse.json({ items: WARNINGS, total: WARNINGS.length })),
    );
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user } = renderApp('/kpis/bulletin?month=2026-10');
    const sheet = await screen.findByRole('article', { name: '东区社区经济月度简报' });
    expect(within(sheet).getByText('2026年10月')).toBeInTheDocument();
    expect(await within(sheet).findByText('数据截至 2026-10', { exact: false })).toBeInTheDocument();
    const revenue = await waitFor(() => {
      const row = sheet.querySelector<HTMLElement>('tr[data-kpi="operating_revenue"]');
      expect(row).not.toBeNull();
      return row as HTMLElement;
    });
    const cells = [...revenue.querySelectorAll('th, td')].map((c) => c.textContent);
    // marked: the fixture's month still has reports in review
    expect(cells[0]).toBe('经营收入*');
    expect(cells[3]).toMatch(/^[+\-±]\d/); // 环比
    expect(cells[5]).toMatch(/^[+\-±]\d/); // 同比
    // one minus sign on the sheet, the ASCII one of every negative figure (formatFen's), not U+2212 beside it
    expect(sheet.textContent).not.toContain('−');
    // every amount of the headline table in one unit: give-back's 5,000.00 元 read as smaller than 0.50 万元
    const amounts = ['operating_revenue', 'give_back', 'fund_balance'].map(
      (kpi) => sheet.querySelector(`tr[data-kpi="${kpi}"] td`)?.textContent,
    );
    expect(amounts).toEqual(['140.89 万元', '0.50 万元', '1,307.38 万元']);
    // a ratio changes in percentage points
    const onTime = sheet.querySelector<HTMLElement>('tr[data-kpi="on_time_rate"]');
    expect(onTime?.textContent).toMatch(/个百分点|—/);
    expect(await within(sheet).findByText(JINHUI.name)).toBeInTheDocument();
    expect(within(sheet).getByText(`四、预警（未处理 ${WARNINGS.length} 条）`)).toBeInTheDocument();
    // an idle fund by how long (its period is the month its idleness began, which read as the day it was found)
    expect(within(sheet).getByText(/望江街社区 · 资金闲置 · 13 个月/)).toBeInTheDocument();
    await waitFor(() => expect(sheet.querySelector('figure svg')).not.toBeNull());
    // the fund tables in the totals' unit, said once in each caption: 3,000.00 元 under 14.00 万元 read as the larger
    const uses = await within(sheet).findByRole('table', { name: '资金用途（万元）' });
    expect([...uses.querySelectorAll('td:last-child')].map((cell) => cell.textContent)).toEqual([
      '14.00',
      '0.30',
    ]);
    expect(within(sheet).getByText('流入合计', { exact: false })).toHaveTextContent(
      '流入合计 28.00 万元 · 流出合计 14.30 万元',
    );
    expect(requests.find((r) => r.endpoint === 'overview')?.query).toEqual({
      period: 'month',
      month: '2026-10',
    });
    expect(requests.find((r) => r.endpoint === 'reporting-matrix')?.query).toEqual({
      from: '2026-10',
      to: '2026-10',
    });
    await user.click(screen.getByRole('button', { name: /打印/ }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('prints a tie whole: one row for the place, every community of it named', async () => {
    givenSession(meAs('district_admin'));
    const base = kpiRanking();
    // after the fixture's four: 社区5–7 alone, then 社区8–11 tied at 0
    const more = [5, 6, 7].map((n) => rankedAtZero(n)).concat([8, 9, 10, 11].map((n) => rankedAtZero(8, n)));
    givenKpiApi({ ranking: () => ({ ...base, items: [...base.items, ...more] }) });
    server.use(http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })));
    renderApp('/kpis/bulletin?month=2026-10');
    const bottom = await screen.findByRole('table', { name: '后五名' });
    const rows = [...bottom.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['7', '社区7', '0.00'],
      ['8（并列）', '社区8、社区9、社区10、社区11', '0.00'],
    ]);
    // the unit once, in the section's title: beside each figure it made the two lists too wide for half an A4 page,
    // in the figures' heading (数值（万元）) it wrapped over three lines beside a tie
    expect(within(bottom).getByRole('columnheader', { name: '数值' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '二、社区排名（经营收入，万元）' })).toBeInTheDocument();
    // the first five judged places, none repeated below (and 望江街, awaiting review, named in its place)
    const top = screen.getByRole('table', { name: '前五名' });
    expect(top.querySelectorAll('tbody tr:not([data-awaiting-review])')).toHaveLength(5);
    expect(top.querySelectorAll('tbody tr[data-awaiting-review]')).toHaveLength(1);
  });

  it('a month still under review says so in its headline: how many due reports are approved, figures may change', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    server.use(http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })));
    // the fixture's month: one community missing, one returned, one report awaiting review
    const cells = reportingMatrix('2026-10', '2026-10').cells;
    const expected = cells.reduce((n, c) => n + c.expected, 0);
    const approved = cells.reduce((n, c) => n + c.approved, 0);
    expect(approved).toBeLessThan(expected);
    renderApp('/kpis/bulletin?month=2026-10');
    const sheet = await screen.findByRole('article', { name: '东区社区经济月度简报' });
    // inside the printed sheet, under the title: on paper as on screen
    const note = await within(sheet).findByRole('note');
    expect(note).toHaveTextContent(
      `截至数据日期，本月应报 ${expected} 份，已审核通过 ${approved} 份；数字可能变动`,
    );
    expect(sheet.querySelector('header')?.contains(note)).toBe(true);
    // a report-built KPI's changes uncoloured and marked; a fund KPI's still judged
    const row = (kpi: string) => sheet.querySelector<HTMLElement>(`tr[data-kpi="${kpi}"]`) as HTMLElement;
    await waitFor(() => expect(row('operating_revenue')).not.toBeNull());
    expect(row('operating_revenue').querySelector('[data-tone]')).toHaveAttribute('data-tone', 'neutral');
    expect(row('operating_revenue').querySelector('th')).toHaveTextContent('经营收入*');
    expect(row('fund_balance').querySelector('sup')).toBeNull();
    expect(within(sheet).getByText(/^\* 本月月报审核未完/)).toBeInTheDocument();
    // the ranking marks the communities whose month is not all approved (the fixture's three), not the others; the
    // one with reports awaiting the district's review (望江街) is not judged until they are reviewed: named greyed
    // in its place, across the name and figure columns, so that the places read 1, 2, 3, 4 (not 1, 3, 4)
    const top = await within(sheet).findByRole('table', { name: '前五名' });
    const rows = [...top.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['1', '金汇社区*', '15.31'],
      ['2', '望江街社区：待区级审核，暂不列榜'],
      ['3', '渡口社区*', '2.90'],
      ['4', '城西社区', '0.00'],
    ]);
    expect(within(sheet).getByText(/^\* 该社区本月月报尚未全部审核通过/)).toBeInTheDocument();
    expect(within(sheet).queryByText(/月报正待区级审核/)).toBeNull();
  });

  it('a month whose due reports are all approved has no such line', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi({ reportingMatrix: (q) => approvedReportingMatrix(q.from, q.to) });
    server.use(http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })));
    renderApp('/kpis/bulletin?month=2026-10');
    const sheet = await screen.findByRole('article', { name: '东区社区经济月度简报' });
    await waitFor(() => expect(sheet.querySelector('tr[data-kpi="operating_revenue"]')).not.toBeNull());
    expect(await within(sheet).findByText(/应报 \d+ 份，已报/)).toBeInTheDocument();
    expect(within(sheet).queryByRole('note')).toBeNull();
    // the changes are judged: red where the KPI went the wrong way, no provisional mark
    const revenue = sheet.querySelector<HTMLElement>('tr[data-kpi="operating_revenue"]') as HTMLElement;
    expect(revenue.querySelector('[data-tone]')).toHaveAttribute('data-tone', 'worse');
    expect(revenue.querySelector('sup')).toBeNull();
    const top = await within(sheet).findByRole('table', { name: '前五名' });
    expect(top.querySelector('sup')).toBeNull();
    expect(within(sheet).queryByText(/^\* 该社区本月月报尚未全部审核通过/)).toBeNull();
  });

  it('counts in English: one report due, or many; how many are approved reads right for any count', async () => {
    await changeLanguage('en');
    try {
      givenSession(meAs('district_admin'));
      // the fixture's October: 6 reports due (two of each community's ventures), 4 received, 1 approved
      givenKpiApi();
      server.use(http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })));
      const many = renderApp('/kpis/bulletin?month=2026-10');
      const sheet = await screen.findByRole('article');
      expect(await within(sheet).findByText(/^6 reports due, 4 received, 4 on time; /)).toBeInTheDocument();
      expect(within(sheet).getByRole('note')).toHaveTextContent(
        'As of the data date, reports approved: 1 of 6 due this month; figures may still change',
      );
      many.unmount();

      // one community with one venture: its one report received, not yet approved
      givenKpiApi({
        reportingMatrix: (q) => {
          const matrix = reportingMatrix(q.from, q.to);
          const [first] = matrix.communities;
          const cells = matrix.cells
            .filter((c) => c.communityId === first?.communityId)
            .map((c) => ({ ...c, expected: 1, received: 1, receivedOnTime: 1, onTime: 1, approved: 0 }));
          return { ...matrix, communities: matrix.communities.slice(0, 1), cells };
        },
      });
      renderApp('/kpis/bulletin?month=2026-10');
      const one = await screen.findByRole('article');
      expect(await within(one).findByText(/^1 report due, 1 received, 1 on time; /)).toBeInTheDocument();
      expect(within(one).getByRole('note')).toHaveTextContent(
        'As of the data date, reports approved: 0 of 1 due this month; figures may still change',
      );
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('is for district roles only', async () => {
    givenSession(meAs('community_admin', JINHUI));
    givenKpiApi();
    renderApp('/kpis/bulletin');
    expect(await screen.findByText('月度简报仅供区级用户查看')).toBeInTheDocument();
  });
});
