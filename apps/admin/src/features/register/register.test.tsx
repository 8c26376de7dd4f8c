import { screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import {
  APPRAISAL_NEW,
  ASSET_ID,
  agreementFixture,
  COMPANY_ID,
  companyFixture,
  givenRegisterApi,
  PARTNER_ID,
  type SeenRequest,
  validCode,
} from './testing/register-fixtures';

/** The table's body rows (antd adds a hidden measuring row to a scrolling table). */
const AGREEMENT_ID_PREFIX = '10000000-0000-4000-8000-00000000010';
const tableRows = () =>
  Array.from(document.querySelectorAll<HTMLElement>('.ant-table-tbody tr.ant-table-row'));
const lists = (seen: SeenRequest[], path: string) =>
  seen.filter((r) => r.method === 'GET' && r.path === path);
/** The form item (label, control and its errors) around a control. */
const itemOf = (element: HTMLElement) => element.closest('.ant-form-item') as HTMLElement;

describe('the register lists', () => {
  it('send the filters in the URL to the API, keep search and page in the URL, and follow a changed filter', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user, router } = renderApp('/register/assets?kind=premises&status=equity_contributed');

    // the first render loads the route's chunks: give it time
    expect(await screen.findByRole('link', { name: '老粮站用房' }, { timeout: 30_000 })).toBeInTheDocument();
    const first = lists(seen, '/assets')[0];
    // a community role's own community is implied: no communityId in its requests
    expect(Object.fromEntries(first?.query ?? [])).toEqual({
      kind: 'premises',
      status: 'equity_contributed',
    });
    expect(tableRows()).toHaveLength(1);
    expect(screen.getByText('420.5')).toBeInTheDocument();
    expect(screen.getByText('1,260,000.00 元')).toBeInTheDocument();

    await user.click(screen.getByLabelText('状态'));
    await user.click(await screen.findByText('闲置', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ kind: 'premises', status: 'idle' }));
    await waitFor(() => expect(lists(seen, '/assets').at(-1)?.query.get('status')).toBe('idle'));

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
    await waitFor(() => expect(tableRows()).toHaveLength(2));

    // the search text is the URL's and matches on the page
    await user.type(screen.getByLabelText('搜索'), '广场{Enter}');
    await waitFor(() => expect(router.state.location.search).toEqual({ q: '广场' }));
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    expect(screen.getByRole('link', { name: '滨江广场' })).toBeInTheDocument();
  });

  it('pages on the page with the page in the URL', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const many = Array.from({ length: 45 }, (_, i) =>
      companyFixture({
        id: `c0000000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
        legalName: `公司 ${String(i + 1).padStart(2, '0')}`,
      }),
    );
    givenRegisterApi({ companies: many });
    const { user, router } = renderApp('/register/companies?page=2');
    expect(await screen.findByRole('link', { name: '公司 21' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '公司 01' })).not.toBeInTheDocument();
    expect(screen.getByText('共 45 条')).toBeInTheDocument();
    await user.click(screen.getByTitle('3'));
    await waitFor(() => expect(router.state.location.search).toEqual({ page: 3 }));
    expect(await screen.findByRole('link', { name: '公司 45' })).toBeInTheDocument();
  });

  it('ventures show the model, the operator, the price tier and the service promise', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenRegisterApi();
    renderApp('/register/ventures');
    expect(await screen.findByText('望江街便民服务驿站')).toBeInTheDocument();
    const [station, books] = tableRows();
    expect(within(station as HTMLElement).getByText('场地入股 + 专业运营')).toBeInTheDocument();
    expect(within(station as HTMLElement).getByText('东区创业孵化器')).toBeInTheDocument();
    expect(within(station as HTMLElement).getByText('公益（免费）')).toBeInTheDocument();
    expect(within(station as HTMLElement).getByText('10 分钟响应')).toBeInTheDocument();
    expect(within(books as HTMLElement).getByText('低偿')).toBeInTheDocument();
    expect(within(books as HTMLElement).getByText('社区自营')).toBeInTheDocument();
  });

  it('agreements carry the term, the guaranteed remittance in 元 and a reminder; the 90-day filter is the API’s', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user, router } = renderApp('/register/agreements');
    expect(await screen.findByText('30 天后到期')).toBeInTheDocument();
    expect(screen.getByText('20,000.00 元')).toBeInTheDocument();
    expect(tableRows()).toHaveLength(2);
    expect(lists(seen, '/agreements')[0]?.query.has('expiringWithinDays')).toBe(false);

    await user.click(screen.getByLabelText('90 天内到期'));
    await waitFor(() => expect(router.state.location.search).toEqual({ expiring: true }));
    await waitFor(() =>
      expect(lists(seen, '/agreements').at(-1)?.query.get('expiringWithinDays')).toBe('90'),
    );
    await waitFor(() => expect(tableRows()).toHaveLength(1));
  });

  it('a term the agreement does not have reads 不适用, an agreed 0 reads 0; the fixed fee is per month', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenRegisterApi({
      agreements: [
        agreementFixture({
          id: `${AGREEMENT_ID_PREFIX}1`,
          ventureName: '固定费用项目',
          terms: 'fixed_fee',
          operatorShareBp: 0,
          feeFen: 800_000,
        }),
        agreementFixture({
          id: `${AGREEMENT_ID_PREFIX}2`,
          ventureName: '分成项目',
          terms: 'profit_split',
          operatorShareBp: 2000,
          feeFen: 0,
        }),
        agreementFixture({
          id: `${AGREEMENT_ID_PREFIX}3`,
          ventureName: '费用加分成项目',
          terms: 'fee_and_split',
          operatorShareBp: 0,
          feeFen: 0,
        }),
        // a fee recorded against a profit split is shown, not hidden
        agreementFixture({
          id: `${AGREEMENT_ID_PREFIX}4`,
          ventureName: '记了费用的分成项目',
          terms: 'profit_split',
          operatorShareBp: 1500,
          feeFen: 100_000,
        }),
      ],
    });
    renderApp('/register/agreements');
    expect(await screen.findByRole('columnheader', { name: '固定费用（元/月）' })).toBeInTheDocument();
    const cells = (venture: string) => {
      const row = tableRows().find((r) => within(r).queryByText(venture)) as HTMLElement;
      const headers = Array.from(document.querySelectorAll('.ant-table-thead th')).map(
        (th) => th.textContent,
      );
      const texts = Array.from(row.querySelectorAll('td')).map((td) => td.textContent);
      return {
        share: texts[headers.indexOf('运营方分成（%）')],
        fee: texts[headers.indexOf('固定费用（元/月）')],
      };
    };
    await waitFor(() => expect(tableRows()).toHaveLength(4));
    expect(cells('固定费用项目')).toEqual({ share: '不适用', fee: '8,000.00 元' });
    expect(cells('分成项目')).toEqual({ share: '20.00%', fee: '不适用' });
    expect(cells('费用加分成项目')).toEqual({ share: '0.00%', fee: '0.00 元' });
    expect(cells('记了费用的分成项目')).toEqual({ share: '15.00%', fee: '1,000.00 元' });
  });
});

describe('district roles read the register', () => {
  it('a district viewer picks the community (URL and request) and gets no create or edit button', async () => {
    givenSession(meAs('district_viewer'));
    const seen = givenRegisterApi();
    const view = renderApp(`/register/ventures?communityId=${JINHUI.id}`);
    expect(await screen.findByText('只读')).toBeInTheDocument();
    await waitFor(() => expect(lists(seen, '/ventures')[0]?.query.get('communityId')).toBe(JINHUI.id));
    expect(screen.queryByRole('button', { name: /登记项目/ })).not.toBeInTheDocument();
    view.unmount();

    // across communities when none is chosen, with the community named on each row
    const before = lists(seen, '/companies').length;
    renderApp('/register/companies');
    expect(await screen.findByRole('link', { name: '望江街社区发展有限公司' })).toBeInTheDocument();
    expect(lists(seen, '/companies')[before]?.query.has('communityId')).toBe(false);
    expect(within(tableRows()[0] as HTMLElement).getByText(WANGJIANGJIE.name)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /登记公司/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /编\s*辑/ })).not.toBeInTheDocument();
  });

  it('a district admin reads a company and its shareholdings without a write button', async () => {
    givenSession(meAs('district_admin'));
    givenRegisterApi();
    renderApp(`/register/companies/${COMPANY_ID}`);
    expect(await screen.findByText('51.00%')).toBeInTheDocument();
    expect(screen.getByText('只读')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /调整股权/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /编\s*辑/ })).not.toBeInTheDocument();
  });

  it('an operator partner sees the sections it reads, and its agreements by community without itself in a column', async () => {
    const me = meAs('partner_operator');
    const membership = { ...me.memberships[0], partnerId: PARTNER_ID, partnerName: '东区国投' };
    givenSession({ ...me, memberships: [membership as (typeof me.memberships)[number]] }, [
      WANGJIANGJIE,
      JINHUI,
    ]);
    givenRegisterApi();
    renderApp('/register/agreements');
    expect(await screen.findByText('30 天后到期')).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs).toEqual(['经营项目', '运营协议', '合作方']);
    expect(screen.getByRole('columnheader', { name: '社区' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '运营合作方' })).toBeNull();
    await waitFor(() =>
      expect(within(tableRows()[0] as HTMLElement).getByText(WANGJIANGJIE.name)).toBeInTheDocument(),
    );
  });

  it('the register’s own link (its breadcrumb, its menu item) opens on the first section the role reads', async () => {
    const me = meAs('partner_operator');
    const membership = { ...me.memberships[0], partnerId: PARTNER_ID, partnerName: '东区国投' };
    givenSession({ ...me, memberships: [membership as (typeof me.memberships)[number]] }, [
      WANGJIANGJIE,
      JINHUI,
    ]);
    givenRegisterApi();
    let companiesAsked = 0;
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname.endsWith('/companies')) companiesAsked += 1;
    });
    const partner = renderApp('/register');
    // an operator partner reads no company: it lands on its ventures, not on a refusal
    await waitFor(() => expect(partner.router.state.location.pathname).toBe('/register/ventures'), {
      timeout: 30_000,
    });
    expect(await screen.findByRole('tab', { name: '经营项目', selected: true })).toBeInTheDocument();
    expect(await screen.findByText('望江街便民服务驿站')).toBeInTheDocument();
    // the operating model is the company's, which a partner cannot read: no column of — and no refused request
    expect(screen.getByRole('columnheader', { name: '类别' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '经营模式' })).toBeNull();
    expect(companiesAsked).toBe(0);
    // its ventures are in several communities: each row says which; the operator column would be itself
    expect(screen.getByRole('columnheader', { name: '社区' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '运营合作方' })).toBeNull();
    server.events.removeAllListeners('request:start');
    expect(screen.getByPlaceholderText('按项目名称或社区搜索')).toBeInTheDocument();
    // its menu has no register: the breadcrumb leads back where it came from (its workplace), as the menu marks it
    const breadcrumb = document.querySelector('.ant-breadcrumb') as HTMLElement;
    expect(within(breadcrumb).getByRole('link', { name: '工作台' })).toHaveAttribute('href', '/');
    expect(within(breadcrumb).queryByText('登记台账')).toBeNull();
    expect(document.querySelector('.ant-menu-item-selected')).toHaveTextContent('工作台');
    partner.unmount();

    givenSession(meAs('community_admin', WANGJIANGJIE));
    const community = renderApp('/register');
    await waitFor(() => expect(community.router.state.location.pathname).toBe('/register/companies'));
    await screen.findByRole('tab', { name: '公司与股权', selected: true });
    const communityCrumb = document.querySelector('.ant-breadcrumb') as HTMLElement;
    expect(within(communityCrumb).getByRole('link', { name: '登记台账' })).toHaveAttribute(
      'href',
      '/register',
    );
    expect(document.querySelector('.ant-menu-item-selected')).toHaveTextContent('登记台账');
  });

  it('partners are the district’s: its admin registers them, a community admin reads them', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenRegisterApi();
    const view = renderApp('/register/partners');
    expect(await screen.findByText('东区创业孵化器')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /登记合作方/ })).not.toBeInTheDocument();
    view.unmount();

    givenSession(meAs('district_admin'));
    renderApp('/register/partners');
    expect(await screen.findByRole('button', { name: /登记合作方/ })).toBeInTheDocument();
  });
});

describe('a company’s shareholdings', () => {
  it('show the shares as percentages, and a site contribution its premises, appraisal and appraisal history', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user } = renderApp(`/register/companies/${COMPANY_ID}`);
    expect(await screen.findByText('51.00%')).toBeInTheDocument();
    expect(screen.getByText('49.00%')).toBeInTheDocument();
    expect(screen.getByText('100.00%')).toBeInTheDocument();
    // the version in force and the one before it
    expect(screen.getByText('自 2024-04 起生效')).toBeInTheDocument();
    expect(screen.getByText('公司成立起至 2024-03').closest('li')?.textContent).toContain(
      '望江街社区 100.00%',
    );
    expect(await screen.findByRole('link', { name: '老粮站用房' })).toBeInTheDocument();
    expect(screen.getByText('420.5 m² · 望江街 18 号')).toBeInTheDocument();
    // the appraisal the site was valued by
    expect(await screen.findByText('2025-06-01 · 收益法 · 攀枝花天正资产评估所')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /展开行|Expand row/ }));
    expect(await screen.findByText('评估历史')).toBeInTheDocument();
    const history = document.querySelector<HTMLElement>('.ant-table-expanded-row') as HTMLElement;
    expect(within(history).getByText('2023-03-15')).toBeInTheDocument();
    expect(within(history).getByText('980,000.00 元')).toBeInTheDocument();
    expect(within(history).getByText('作价依据')).toBeInTheDocument();
    expect(seen.some((r) => r.path === `/assets/${ASSET_ID}/appraisals`)).toBe(true);
  });

  it('the form refuses shares that do not sum to 100 % and sends basis points and fen when they do', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user } = renderApp(`/register/companies/${COMPANY_ID}`);
    await user.click(await screen.findByRole('button', { name: /调整股权/ }));
    const shares = await screen.findAllByLabelText('持股比例（%）');
    expect(shares).toHaveLength(2);
    await user.clear(shares[1] as HTMLElement);
    await user.type(shares[1] as HTMLElement, '39');
    expect(screen.getByText('持股比例合计：90.00%')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存股权' }));
    expect(await screen.findByText('持股比例合计为 90.00%，必须恰好为 100%')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.clear(shares[1] as HTMLElement);
    await user.type(shares[1] as HTMLElement, '49');
    await user.click(screen.getByRole('button', { name: '保存股权' }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'PUT')?.body).toEqual({
      version: 4,
      // a change takes effect from this month unless another is chosen
      effectiveFrom: dayjs().format('YYYY-MM'),
      items: [
        {
          holderKind: 'community',
          holderPartnerId: null,
          holderName: '望江街社区',
          contributionKind: 'site',
          assetId: ASSET_ID,
          appraisalId: APPRAISAL_NEW,
          subscribedFen: 102_000_000,
          paidInFen: 102_000_000,
          shareBp: 5100,
        },
        {
          holderKind: 'partner',
          holderPartnerId: PARTNER_ID,
          // the API names a partner holder after the partner
          holderName: null,
          contributionKind: 'operation_expertise',
          assetId: null,
          appraisalId: null,
          subscribedFen: 98_000_000,
          paidInFen: 50_000_000,
          shareBp: 4900,
        },
      ],
    });
  });

  it('a month already reported is refused by the API on the month field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const reason = '2026-11 的月报已审核，新的股权结构最早自 2026-12 起生效';
    givenRegisterApi({
      answer: (r) =>
        r.method === 'PUT'
          ? HttpResponse.json(
              errorBody('shareholding_month_reported', reason, { effectiveFrom: '该月已有审核通过的月报' }),
              {
                status: 409,
              },
            )
          : null,
    });
    const { user } = renderApp(`/register/companies/${COMPANY_ID}`);
    await user.click(await screen.findByRole('button', { name: /调整股权/ }));
    await screen.findAllByLabelText('持股比例（%）');
    await user.click(screen.getByRole('button', { name: '保存股权' }));
    const error = await screen.findByText('该月已有审核通过的月报');
    expect(itemOf(screen.getByLabelText('生效月份')).contains(error)).toBe(true);
    expect(screen.getByText(reason)).toBeInTheDocument();
  });

  it('the API’s row errors land on their rows', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenRegisterApi({
      answer: (r) =>
        r.method === 'PUT'
          ? HttpResponse.json(
              errorBody('validation_failed', '请求内容有误', {
                'items.1.paidInFen': '实缴金额不能超过认缴金额',
              }),
              { status: 400 },
            )
          : null,
    });
    const { user } = renderApp(`/register/companies/${COMPANY_ID}`);
    await user.click(await screen.findByRole('button', { name: /调整股权/ }));
    await screen.findAllByLabelText('持股比例（%）');
    await user.click(screen.getByRole('button', { name: '保存股权' }));
    const error = await screen.findByText('实缴金额不能超过认缴金额');
    const paidIn = screen.getAllByLabelText('实缴（元）')[1] as HTMLElement;
    expect(itemOf(paidIn).contains(error)).toBe(true);
  });
});

describe('the drawers', () => {
  it('check the credit code as typed and name a bad one on its field; the API’s refusal lands there too', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const duplicate = validCode('91510402MA6XY0009');
    const seen = givenRegisterApi({
      answer: (r) =>
        r.method === 'POST' && r.body?.creditCode === duplicate
          ? HttpResponse.json(
              errorBody('conflict', '与已有记录冲突', { creditCode: '该统一社会信用代码已登记' }),
              {
                status: 409,
              },
            )
          : null,
    });
    const { user } = renderApp('/register/companies');
    await user.click(await screen.findByRole('button', { name: /登记公司/ }));
    const code = await screen.findByLabelText('统一社会信用代码');
    // a letter the alphabet leaves out is said at once, naming its position
    await user.type(code, '91510402MA6O');
    expect(await screen.findByText(/第 12 位“O”不是允许的字符/)).toBeInTheDocument();
    // a whole code with a wrong check character names the one expected
    const good = validCode('91510402MA6CD0003');
    const wrong = `${good.slice(0, 17)}${good.at(-1) === '0' ? '1' : '0'}`;
    await user.clear(code);
    await user.type(code, wrong);
    const message = await screen.findByText(/统一社会信用代码校验位不符/);
    expect(itemOf(code).contains(message)).toBe(true);

    await user.type(screen.getByLabelText('公司名称'), '望江街第二公司');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    await waitFor(() => expect(screen.getByText(/统一社会信用代码校验位不符/)).toBeInTheDocument());
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    // a valid code typed in lower case with spaces passes; the API's duplicate lands on the field
    await user.clear(code);
    await user.type(code, `${duplicate.slice(0, 9).toLowerCase()} ${duplicate.slice(9)}`);
    await waitFor(() => expect(screen.queryByText(/统一社会信用代码校验位不符/)).not.toBeInTheDocument());
    await user.clear(code);
    await user.type(code, duplicate);
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    const refusal = await screen.findByText('该统一社会信用代码已登记');
    expect(itemOf(code).contains(refusal)).toBe(true);
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({
      legalName: '望江街第二公司',
      creditCode: duplicate,
      operatingModel: 'site_equity_professional_operation',
      registeredCapitalFen: 0,
    });
  });

  it('a partner’s bad credit code is named on its field before anything is sent', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenRegisterApi();
    const { user } = renderApp('/register/partners');
    await user.click(await screen.findByRole('button', { name: /登记合作方/ }));
    await user.type(await screen.findByLabelText('名称'), '新合作方');
    const code = screen.getByLabelText('统一社会信用代码');
    await user.type(code, '9151');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    const message = await screen.findByText('统一社会信用代码应为 18 位，当前为 4 位');
    expect(itemOf(code).contains(message)).toBe(true);
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('a stale edit gets the API’s 409: said plainly, the typed values kept, and reloading reads the list again', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi({
      answer: (r) =>
        r.method === 'PATCH'
          ? HttpResponse.json(errorBody('stale_version', '数据已被他人修改'), { status: 409 })
          : null,
    });
    const { user } = renderApp('/register/companies');
    await user.click(await screen.findByRole('button', { name: '编辑 望江街社区发展有限公司' }));
    const name = await screen.findByLabelText('公司名称');
    await user.clear(name);
    await user.type(name, '望江街社区发展(集团)有限公司');
    await user.type(screen.getByLabelText('注册资本（元）'), '{Control>}a{/Control}2500000');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('内容已被他人更新')).toBeInTheDocument();
    expect(screen.getByLabelText('公司名称')).toHaveValue('望江街社区发展(集团)有限公司');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toMatchObject({
      version: 4,
      legalName: '望江街社区发展(集团)有限公司',
    });

    const reads = lists(seen, '/companies').length;
    await user.click(screen.getByRole('button', { name: '重新读取' }));
    await waitFor(() => expect(lists(seen, '/companies').length).toBe(reads + 1));
    expect(screen.getByLabelText('公司名称')).toHaveValue('望江街社区发展(集团)有限公司');
  });

  it('an agreement’s guaranteed remittance is typed in 元 and sent in fen; shares in % as basis points', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user } = renderApp('/register/agreements');
    await user.click(await screen.findByRole('button', { name: '编辑 望江街便民服务驿站' }));
    const guaranteed = await screen.findByLabelText('保底上缴（元/月）');
    expect(guaranteed).toHaveValue('20000.00');
    await user.clear(guaranteed);
    await user.type(guaranteed, '21500.5');
    const share = screen.getByLabelText('运营方分成（%）');
    await user.clear(share);
    await user.type(share, '32.5');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'PATCH')?.body).toMatchObject({
      version: 2,
      guaranteedMinRemittanceFen: 2_150_050,
      operatorShareBp: 3250,
    });
  });
});

describe('more drawers', () => {
  it('a venture is registered with its price tier, operator and service promise', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user } = renderApp('/register/ventures');
    await user.click(await screen.findByRole('button', { name: /登记项目/ }));
    await user.type(await screen.findByLabelText('项目名称'), '望江街助餐点');
    await user.click(
      screen.getByText('低偿', { selector: '.ant-radio-button-label, .ant-radio-button-wrapper span' }),
    );
    await user.type(screen.getByLabelText('承诺响应时间（分钟）'), '1O');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    expect(await screen.findByText('请输入 1 至 100000 之间的整数分钟数')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('承诺响应时间（分钟）'));
    await user.type(screen.getByLabelText('承诺响应时间（分钟）'), '10');
    await user.click(screen.getByLabelText('运营合作方'));
    await user.click(
      await screen.findByText('东区创业孵化器', { selector: '.ant-select-item-option-content' }),
    );
    // reports owed from a month of its own (a venture that ran before the platform)
    await user.type(screen.getByLabelText('开始在平台填报的月份'), '2025-01{Enter}');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      name: '望江街助餐点',
      category: 'service_station',
      priceTier: 'low_price',
      companyId: null,
      operatorPartnerId: PARTNER_ID,
      premisesAssetId: null,
      startedOn: null,
      reportingStartMonth: '2025-01',
      status: 'operating',
      promisedResponseMinutes: 10,
    });
  });

  it('an appraisal is recorded on the asset’s page in 元, sent in fen, beside the history', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi();
    const { user } = renderApp(`/register/assets/${ASSET_ID}`);
    expect(await screen.findByText('攀枝花天正资产评估所')).toBeInTheDocument();
    expect(screen.getByText('东区国资评估中心')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /登记评估/ }));
    await user.type(await screen.findByLabelText('评估机构'), '四川正信资产评估');
    await user.type(screen.getByLabelText('评估值（元）'), '1300000.5');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'POST')).toMatchObject({
      path: `/assets/${ASSET_ID}/appraisals`,
      body: { method: 'market', appraiser: '四川正信资产评估', valueFen: 130_000_050 },
    });
  });
});

describe('states and languages', () => {
  it('a company out of reach (another community’s id) is a not-found page with no data', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenRegisterApi({ companies: [] });
    renderApp(`/register/companies/${COMPANY_ID}`);
    expect(await screen.findByText('页面不存在')).toBeInTheDocument();
    expect(seen.some((r) => r.path.endsWith('/shareholdings'))).toBe(false);
    expect(screen.queryByText('望江街社区发展有限公司')).not.toBeInTheDocument();
  });

  it('says when a list fails, retries on request, and says when it is empty', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenRegisterApi({ ventures: [] });
    let failures = 1;
    server.use(
      http.get(api('/ventures'), () => {
        if (failures-- > 0) {
          return HttpResponse.json(errorBody('internal', '服务暂时不可用'), { status: 500 });
        }
        return HttpResponse.json({ items: [], total: 0 });
      }),
    );
    const { user } = renderApp('/register/ventures');
    expect(await screen.findByText('服务暂时不可用')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /重\s*试/ }));
    expect(await screen.findByText('还没有登记经营项目')).toBeInTheDocument();
  });

  it('on a phone each agreement is a card carrying every column, the reminder included', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('community_admin', WANGJIANGJIE));
      givenRegisterApi();
      renderApp('/register/agreements');
      const reminder = await screen.findByText('30 天后到期');
      const card = reminder.closest('.ant-card') as HTMLElement;
      expect(within(card).getByText('望江街便民服务驿站')).toBeInTheDocument();
      expect(within(card).getByText('保底上缴（元/月）')).toBeInTheDocument();
      expect(within(card).getByText('20,000.00 元')).toBeInTheDocument();
      expect(document.querySelector('.ant-table')).toBeNull();
    } finally {
      window.innerWidth = width;
    }
  });

  it('speaks English', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenRegisterApi();
    await changeLanguage('en');
    renderApp('/register/ventures');
    expect(await screen.findByText('Response within 10 min')).toBeInTheDocument();
    expect(screen.getByText('Public welfare (free)')).toBeInTheDocument();
    expect(screen.getByText('Run by the community')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Register a venture/ })).toBeInTheDocument();
  });
});
