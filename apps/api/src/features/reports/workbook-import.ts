import type { ImportCheck, ImportMode, ImportProblem, ImportResult } from '@gongfu/contract';
import { reportImports, reports, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  addMonths,
  can,
  checkPlausibility,
  compareMonths,
  isMonth,
  isReportExpected,
  type Month,
  monthOfDate,
  type PlausibilityFlag,
  parseYuan,
  plausibilityFlagText,
  REPORT_FIGURE_DEFINITIONS,
  REPORT_FIGURE_FIELDS,
  type ReportFigureField,
  type ReportFigures,
  type ReportStatus,
  unexplainedFields,
  validateReportFigures,
} from '@gongfu/domain';
import { sql } from 'kysely';
import { thisMonth } from '../../clock';
import type { Actor } from '../../context';
import { ApiError, forbidden } from '../../errors';
import { type Lang, type MessageCode, message } from '../../i18n/messages';
import * as service from './service';
import { type ColumnKey, headerOf, REQUIRED_COLUMNS } from './workbook-columns';
import type { CellValue, ParsedFile, ParsedRow, ParsedSheet } from './workbook-read';
import { buildTemplate, type TemplateRow } from './workbook-template';

/**
 * Excel in: the month's template of a scope, and the check and import of a filled one. The import writes through the
 * report service's set-based twins of the monthly report form's createReport, updateReport and transition 'submit'
 * (service.createMany, service.updateMany), so an imported report is what the form would have saved — same
 * validation, events, audit entries and plausibility flags — all rows in the caller's one transaction, a few
 * statements for the whole file (ADR 0023, "Performance").
 */

const MODES: readonly ImportMode[] = ['draft', 'submit'];
const MAX_EXPLANATION = 500;
const MAX_NOTES = 4000;
const EARLIEST_MONTH = '2000-01' as Month;
/** The to-do's "owed" statuses (the admin's OWED_REPORT_STATUSES): nothing submitted yet, a draft, or returned. */
const OWED = new Set(['not_due', 'draft', 'missing', 'returned']);
const EDITABLE: ReadonlySet<string> = new Set(['draft', 'returned']);

function scopeOf(actor: Actor): reports.ReportScope {
  const { districtId, communityId, partnerId, kind } = actor.scope;
  if (!districtId) throw forbidden();
  return {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    partnerId: kind === 'partner' ? partnerId : null,
  };
}

type FigureRow = Awaited<ReturnType<typeof reportImports.reportsOfMonths>>[number];

function figuresOf(row: FigureRow): ReportFigures {
  return {
    revenueFen: toFen(row.revenue_fen),
    operatingCostFen: toFen(row.operating_cost_fen),
    stableJobs: row.stable_jobs,
    temporaryJobs: row.temporary_jobs,
    residentsServed: row.residents_served,
    serviceTransactions: row.service_transactions,
    eldersServed: row.elders_served,
    childrenServed: row.children_served,
    remittanceDueFen: toFen(row.remittance_due_fen),
    remittanceReceivedFen: toFen(row.remittance_received_fen),
    serviceRequests: row.service_requests,
    requestsWithinPromise: row.requests_within_promise,
  };
}

/** The figures whose 0 was typed (ADR 0042), of those still 0. */
function typedZerosOf(row: FigureRow): ReportFigureField[] {
  const named = typeof row.typed_zeros === 'string' ? JSON.parse(row.typed_zeros) : row.typed_zeros;
  if (!Array.isArray(named)) return [];
  const figures = figuresOf(row);
  return REPORT_FIGURE_FIELDS.filter((field) => figures[field] === 0 && named.includes(field));
}

/** Of each venture and month, the latest revision; and of each, the latest approved (or locked) one. */
function indexReports(rows: readonly FigureRow[]) {
  const latest = new Map<string, FigureRow>();
  const approved = new Map<string, FigureRow>();
  for (const row of rows) {
    const key = `${row.venture_id}|${row.month}`;
    latest.set(key, row); // rows come oldest revision first
    if (row.status === 'approved' || row.status === 'locked') approved.set(key, row);
  }
  return { latest, approved };
}

// ----- the template ------------------------------------------------------------------------------

export async function template(
  trx: ScopedTransaction,
  actor: Actor,
  month: string,
  lang: Lang,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  if (!can(actor.scope.role, 'report:read')) throw forbidden();
  const scope = scopeOf(actor);
  // the to-do's own overview (it validates the month): the same ventures owe the month here as there
  const status = await service.reportStatus(trx, actor, { month });
  const owed = status.items.filter((row) => row.expected && OWED.has(row.status) && !row.locked);
  const ventures = new Map((await reportImports.venturesOfScope(trx, scope)).map((v) => [v.venture_id, v]));
  const previousMonth = addMonths(month as Month, -1);
  const { latest, approved } = indexReports(
    await reportImports.reportsOfMonths(trx, scope, { from: previousMonth, to: month }),
  );
  const rows: TemplateRow[] = owed.map((row) => {
    const previous = approved.get(`${row.ventureId}|${previousMonth}`);
    const current = latest.get(`${row.ventureId}|${month}`);
    const editable = current && EDITABLE.has(current.status) ? current : null;
    return {
      ventureId: row.ventureId,
      ventureName: row.ventureName,
      communityName: row.communityName,
      category: ventures.get(row.ventureId)?.category ?? 'other',
      previous: previous ? figuresOf(previous) : null,
      current: editable
        ? {
            figures: figuresOf(editable),
            typedZeros: typedZerosOf(editable),
            explanation: '',
            notes: editable.notes ?? '',
            status: editable.status,
          }
        : null,
    };
  });
  const bytes = await buildTemplate({
    lang,
    month,
    dueDate: status.dueDate,
    scopeName: await reportImports.scopeName(trx, scope),
    created: new Date(),
    rows,
  });
  const base = lang === 'en' ? 'monthly-reports' : '月报填报模板';
  return { bytes, fileName: `${base}-${month}.xlsx` };
}

// ----- the check ---------------------------------------------------------------------------------

/** One row that passed the content checks, and what importing it in each mode would do. */
interface PlannedRow {
  source: ParsedRow;
  ventureId: string;
  ventureName: string;
  communityId: string;
  operatorPartnerId: string | null;
  month: Month;
  figures: ReportFigures;
  /** the figures whose cell holds 0, as against an empty cell (ADR 0042) */
  typedZeros: ReportFigureField[];
  explanation: string;
  notes: string | null;
  /** the report the row meets: none, or its latest revision */
  existing: FigureRow | null;
  /** the flagged fields and the explanation each gets */
  explanations: Partial<Record<ReportFigureField, string>>;
  /** the plausibility flags the form's submit would store */
  flags: PlausibilityFlag[];
  unchanged: Record<ImportMode, boolean>;
}

interface Checked {
  check: ImportCheck;
  planned: PlannedRow[];
}

class Problems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly lang: Lang) {}

  add(
    where: { sheet: ParsedSheet; row: number | null; column: ColumnKey | null },
    code: MessageCode,
    params: Record<string, string | number> = {},
    blocks: readonly ImportMode[] = MODES,
  ) {
    const column = where.column ? where.sheet.columns.get(where.column) : undefined;
    this.list.push({
      sheet: where.sheet.name,
      row: where.row,
      column: column?.letter ?? null,
      columnName: column?.header ?? (where.column ? headerOf(where.column, this.lang) : null),
      code,
      message: message(code, this.lang, params),
      blocks: [...blocks],
    });
  }
}

const CONTENT_KEYS: readonly ColumnKey[] = [...REPORT_FIGURE_FIELDS, 'explanation', 'notes'];
const NAME_KEYS: readonly ColumnKey[] = ['community', 'venture'];

const textOf = (cell: CellValue | undefined): string => {
  if (!cell) return '';
  if (cell.kind === 'text') return cell.value.trim();
  if (cell.kind === 'number') return String(cell.value);
  if (cell.kind === 'other') return cell.text.trim();
  if (cell.kind === 'date') return cell.value.toISOString().slice(0, 10);
  return '';
};

/** A formula that reaches beyond its own sheet: another sheet (Sheet2!A1) or another workbook ([1]Sheet1!A1). */
const reachesOut = (formula: string) => /[![]/.test(formula);

const isBlank = (row: ParsedRow) =>
  CONTENT_KEYS.every((key) => {
    const cell = row.cells.get(key);
    return !cell || cell.kind === 'empty';
  });

/** A figure cell as fen or a count, the way the form reads its fields: blank is 0. */
function parseFigure(field: ReportFigureField, cell: CellValue | undefined): number | { bad: string } {
  if (!cell || cell.kind === 'empty') return 0;
  const money = REPORT_FIGURE_DEFINITIONS[field].kind === 'money';
  let text: string;
  if (cell.kind === 'number') text = String(cell.value);
  else if (cell.kind === 'text') text = cell.value.trim().replace(/[,，\s]/g, '');
  else return { bad: textOf(cell) };
  if (money) {
    const parsed = parseYuan(text);
    return parsed.ok && parsed.value >= 0 ? parsed.value : { bad: textOf(cell) };
  }
  if (/^\d{1,10}$/.test(text) && Number(text) <= 2_147_483_647) return Number(text);
  return { bad: textOf(cell) };
}

function parseMonth(cell: CellValue | undefined): Month | null {
  if (!cell) return null;
  // Excel turns a typed 2026-10 into a date: its month is meant
  if (cell.kind === 'date')
    return monthOfDate(cell.value.toISOString().slice(0, 10) as `${number}-${number}-${number}`);
  const text = textOf(cell)
    .replace(/[/.年]/g, '-')
    .replace(/月$/, '');
  const match = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (!match) return null;
  const month = `${match[1]}-${String(match[2]).padStart(2, '0')}`;
  return isMonth(month) ? (month as Month) : null;
}

/**
 * Every problem of the file, for both modes at once (the wizard asks for the mode after showing them), and the rows
 * as the import would write them. Reads, never writes.
 */
export async function checkFile(
  trx: ScopedTransaction,
  actor: Actor,
  file: ParsedFile,
  lang: Lang,
): Promise<Checked> {
  if (!can(actor.scope.role, 'report:create') || !can(actor.scope.role, 'report:update')) throw forbidden();
  const scope = scopeOf(actor);
  const problems = new Problems(lang);
  const reportable = new Map((await reportImports.venturesOfScope(trx, scope)).map((v) => [v.venture_id, v]));
  const districtStart = (await reports.districtReportingStart(trx, scope.districtId)) as Month | null;
  const now = thisMonth();

  // pass 1: each row on its own (numbers, formulas, venture, month)
  interface Candidate {
    source: ParsedRow;
    sheet: ParsedSheet;
    ventureId: string;
    month: Month;
    figures: ReportFigures;
    typedZeros: ReportFigureField[];
    explanation: string;
    notes: string | null;
  }
  const candidates: Candidate[] = [];
  const firstRowOf = new Map<string, ParsedRow>();
  let filled = 0;
  for (const sheet of file.sheets) {
    const missing = REQUIRED_COLUMNS.filter((key) => !sheet.columns.has(key));
    for (const key of missing) {
      problems.add({ sheet, row: null, column: null }, 'import_missing_column', {
        column: headerOf(key, lang),
      });
    }
    if (missing.length > 0) continue;
    for (const row of sheet.rows) {
      if (isBlank(row)) continue;
      filled += 1;
      const at = (column: ColumnKey) => ({ sheet, row: row.row, column });
      let ok = true;
      // formulas: none at all where the figures and words are read; none reaching out anywhere else
      for (const [key, cell] of row.cells) {
        if (cell.kind !== 'formula') continue;
        if (reachesOut(cell.formula)) {
          problems.add(at(key), 'import_formula_other_sheet', { formula: cell.formula.slice(0, 60) });
          ok = false;
        } else if (!NAME_KEYS.includes(key)) {
          problems.add(at(key), 'import_formula', { formula: cell.formula.slice(0, 60) });
          ok = false;
        }
      }
      const figures: Record<string, number> = {};
      // a cell that holds 0 was typed; an empty one is a blank, counted as 0 (ADR 0042)
      const typedZeros: ReportFigureField[] = [];
      for (const field of REPORT_FIGURE_FIELDS) {
        const cell = row.cells.get(field);
        if (cell?.kind === 'formula') continue;
        const value = parseFigure(field, cell);
        if (typeof value === 'number') {
          figures[field] = value;
          if (value === 0 && cell && cell.kind !== 'empty') typedZeros.push(field);
        } else {
          ok = false;
          const code =
            REPORT_FIGURE_DEFINITIONS[field].kind === 'money' ? 'import_bad_money' : 'import_bad_count';
          problems.add(at(field), code, { value: value.bad.slice(0, 40) });
        }
      }
      if (ok) {
        for (const problem of validateReportFigures(figures as unknown as ReportFigures)) {
          if (problem.code !== 'report.subset_exceeds_total') continue;
          ok = false;
          if (problem.params.totalField === 'serviceRequests') {
            problems.add(at('requestsWithinPromise'), 'import_requests_exceed_total', {
              total: Number(problem.params.total),
            });
          } else {
            problems.add(at('childrenServed'), 'import_groups_exceed_served', {
              total: Number(problem.params.total),
            });
          }
        }
      }
      const words: Record<'explanation' | 'notes', string> = { explanation: '', notes: '' };
      for (const key of ['explanation', 'notes'] as const) {
        const cell = row.cells.get(key);
        if (cell?.kind === 'formula') continue;
        const text = textOf(cell);
        const max = key === 'explanation' ? MAX_EXPLANATION : MAX_NOTES;
        if (text.includes('\u0000')) {
          problems.add(at(key), 'import_text_nul');
          ok = false;
        } else if (text.length > max) {
          problems.add(at(key), 'import_text_too_long', { max });
          ok = false;
        }
        words[key] = text;
      }

      const idCell = row.cells.get('ventureId');
      const ventureId = textOf(idCell).toLowerCase();
      const venture = reportable.get(ventureId);
      if (idCell?.kind === 'formula') ok = false;
      else if (!ventureId) {
        problems.add(at('ventureId'), 'import_missing_venture');
        ok = false;
      } else if (!venture) {
        // another community's venture, or one a partner does not operate, is as unknown as one that never was
        problems.add(at('ventureId'), 'import_unknown_venture', { value: ventureId.slice(0, 40) });
        ok = false;
      }

      const monthCell = row.cells.get('month');
      const month = parseMonth(monthCell);
      if (monthCell?.kind === 'formula') ok = false;
      else if (!month) {
        problems.add(at('month'), 'import_bad_month', { value: textOf(monthCell).slice(0, 20) });
        ok = false;
      } else if (compareMonths(month, EARLIEST_MONTH) < 0) {
        problems.add(at('month'), 'import_month_too_early');
        ok = false;
      } else if (compareMonths(month, now) > 0) {
        problems.add(at('month'), 'import_month_in_future', { month });
        ok = false;
      } else if (venture) {
        const key = `${venture.venture_id}|${month}`;
        const first = firstRowOf.get(key);
        if (first) {
          problems.add({ sheet, row: row.row, column: null }, 'import_duplicate_row', {
            row: first.sheet === row.sheet ? first.row : `${first.sheet}!${first.row}`,
          });
          ok = false;
        } else firstRowOf.set(key, row);
        const expected = isReportExpected({
          month,
          operating: venture.status === 'operating',
          startMonth:
            venture.started_on === null
              ? null
              : monthOfDate(venture.started_on as `${number}-${number}-${number}`),
          ventureReportingStart: venture.reporting_start_month as Month | null,
          districtReportingStart: districtStart,
        });
        if (!expected) {
          problems.add(at('month'), 'import_not_owed', { venture: venture.name, month });
          ok = false;
        }
      }
      if (ok && venture && month) {
        candidates.push({
          source: row,
          sheet,
          ventureId: venture.venture_id,
          month,
          figures: figures as unknown as ReportFigures,
          typedZeros,
          explanation: words.explanation,
          notes: words.notes || null,
        });
      }
    }
  }
  if (filled === 0 && problems.list.length === 0) {
    const sheet = file.sheets[0] ?? { name: file.kind === 'csv' ? 'CSV' : '', columns: new Map(), rows: [] };
    problems.add({ sheet, row: null, column: null }, 'import_no_rows');
  }

  // pass 2: what each row meets in the database (reports of its month, their history, locks, earlier imports)
  const months = [...new Set(candidates.map((c) => c.month))].sort();
  const planned: PlannedRow[] = [];
  if (candidates.length > 0) {
    const from = addMonths(months[0] as Month, -12);
    const to = months.at(-1) as Month;
    const ventureIds = [...new Set(candidates.map((c) => c.ventureId))];
    const { latest, approved } = indexReports(
      await reportImports.reportsOfMonths(trx, scope, { from, to, ventureIds }),
    );
    const locks = await reportImports.locksOfMonths(trx, { districtId: scope.districtId, months });
    const imported: Record<ImportMode, Set<string>> = { draft: new Set(), submit: new Set() };
    for (const mode of MODES) {
      for (const row of await reportImports.importsOfFile(trx, scope, { fileHash: file.hash, mode })) {
        imported[mode].add(`${row.venture_id}|${row.month}`);
      }
    }
    for (const c of candidates) {
      const venture = reportable.get(c.ventureId);
      if (!venture) continue;
      const key = `${c.ventureId}|${c.month}`;
      const at = (column: ColumnKey | null) => ({ sheet: c.sheet, row: c.source.row, column });
      const unchanged = { draft: imported.draft.has(key), submit: imported.submit.has(key) };
      const open = MODES.filter((mode) => !unchanged[mode]);
      const existing = latest.get(key) ?? null;
      // a row an earlier import of this file wrote in one mode stays unchanged in that mode, whatever it meets now
      const keepUnchanged = () => {
        if (open.length < MODES.length) {
          planned.push({ ...plannedBase(c, venture), existing, explanations: {}, flags: [], unchanged });
        }
      };
      if (open.length === 0) {
        keepUnchanged();
        continue;
      }
      const locked = locks.some(
        (lock) =>
          lock.month === c.month &&
          (lock.community_id === null || lock.community_id === venture.community_id),
      );
      if (locked) {
        problems.add(at('month'), 'import_month_locked', { month: c.month }, open);
        keepUnchanged();
        continue;
      }
      const status = existing?.status as ReportStatus | undefined;
      if (status === 'submitted') {
        problems.add(at(null), 'import_report_submitted', { venture: venture.name, month: c.month }, open);
        keepUnchanged();
        continue;
      }
      if (status === 'approved' || status === 'locked') {
        problems.add(at(null), 'import_report_approved', { venture: venture.name, month: c.month }, open);
        keepUnchanged();
        continue;
      }
      // the form's rule against the venture's approved history of the 12 months before
      const history: (ReportFigures | null)[] = [];
      for (let m = addMonths(c.month, -12); compareMonths(m, c.month) < 0; m = addMonths(m, 1)) {
        const row = approved.get(`${c.ventureId}|${m}`);
        history.push(row ? figuresOf(row) : null);
      }
      const flags = checkPlausibility(c.figures, history);
      const explanations: Partial<Record<ReportFigureField, string>> = {};
      if (c.explanation) for (const flag of flags) explanations[flag.field] = c.explanation;
      if (!unchanged.submit) {
        for (const field of unexplainedFields(flags, explanations)) {
          const flag = flags.find((f) => f.field === field);
          if (!flag) continue;
          // the form's words for the flag: the clerk sees the figure, its value and the range it left
          problems.add(at(field), 'import_explanation_missing', { flag: plausibilityFlagText(flag, lang) }, [
            'submit',
          ]);
        }
      }
      planned.push({ ...plannedBase(c, venture), existing, explanations, flags, unchanged });
    }
  }

  // as a person reads the file: sheet by sheet, row by row, column by column (a sheet's own problems first)
  const sheetOrder = new Map(file.sheets.map((sheet, i) => [sheet.name, i]));
  const columnOrder = (letter: string | null) => (letter === null ? '' : letter.padStart(3, ' '));
  problems.list.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      columnOrder(a.column).localeCompare(columnOrder(b.column)),
  );
  const blocked = (mode: ImportMode) => problems.list.some((p) => p.blocks.includes(mode));
  const active = planned.filter((p) => !(p.unchanged.draft && p.unchanged.submit));
  const check: ImportCheck = {
    fileHash: file.hash,
    fileKind: file.kind,
    rows: filled,
    months,
    toCreate: active.filter((p) => !p.existing).length,
    toUpdate: active.filter((p) => p.existing && EDITABLE.has(p.existing.status)).length,
    unchangedDraft: planned.filter((p) => p.unchanged.draft).length,
    unchangedSubmit: planned.filter((p) => p.unchanged.submit).length,
    problems: problems.list,
    canDraft: filled > 0 && !blocked('draft') && can(actor.scope.role, 'report:create'),
    canSubmit: filled > 0 && !blocked('submit') && can(actor.scope.role, 'report:submit'),
  };
  return { check, planned };

  function plannedBase(
    c: Candidate,
    venture: { name: string; community_id: string; operator_partner_id: string | null },
  ): Omit<PlannedRow, 'existing' | 'explanations' | 'flags' | 'unchanged'> {
    return {
      source: c.source,
      ventureId: c.ventureId,
      ventureName: venture.name,
      communityId: venture.community_id,
      operatorPartnerId: venture.operator_partner_id,
      month: c.month,
      figures: c.figures,
      typedZeros: c.typedZeros,
      explanation: c.explanation,
      notes: c.notes,
    };
  }
}

// ----- the import --------------------------------------------------------------------------------

/**
 * Checks again inside the import's transaction (what the dry run saw may have changed since), with the months held
 * as the form's writes hold them (no lock slips in between), refuses with every problem when one blocks the mode,
 * else writes, and records each row for the next import of the same file. Any failure rolls back every row: the
 * caller's transaction is the import.
 *
 * Rows that meet a draft or returned report go through service.updateMany (the form's updateReport, and submit),
 * rows whose venture has no report of the month yet through service.createMany (createReport, and submit): each
 * writes all its rows in a few statements, with the rows, events and audit entries the form writes one report at a
 * time (a statement costs ~10 ms on the embedded database and the form's path takes ~20 a report: 5,000 reports one
 * by one took minutes). The test "writes what the monthly report form would have written" holds them equal.
 */
export async function importFile(
  trx: ScopedTransaction,
  actor: Actor,
  file: ParsedFile,
  mode: ImportMode,
  lang: Lang,
  requestId: string,
): Promise<ImportResult | { refused: ImportCheck }> {
  if (!can(actor.scope.role, 'report:create') || !can(actor.scope.role, 'report:update')) throw forbidden();
  if (mode === 'submit' && !can(actor.scope.role, 'report:submit')) throw forbidden();
  const scope = scopeOf(actor);
  const months = [
    ...new Set(file.sheets.flatMap((sheet) => sheet.rows.map((row) => parseMonth(row.cells.get('month'))))),
  ]
    .filter((m): m is Month => m !== null)
    .sort();
  // one key per district and month, taken in order: two imports cannot deadlock on them
  for (const month of months)
    await reports.holdPeriod(trx, { districtId: scope.districtId, month }, 'shared');
  const { check, planned } = await checkFile(trx, actor, file, lang);
  const blocking = check.problems.filter((p) => p.blocks.includes(mode));
  if (blocking.length > 0 || check.rows === 0) return { refused: check };

  const result: ImportResult = {
    mode,
    fileHash: file.hash,
    created: 0,
    updated: 0,
    submitted: 0,
    unchanged: 0,
    reports: [],
  };
  const submit = mode === 'submit';
  const fresh: PlannedRow[] = [];
  const editable: (PlannedRow & { existing: FigureRow })[] = [];
  for (const row of planned) {
    if (row.unchanged[mode]) {
      result.unchanged += 1;
      if (row.existing) {
        result.reports.push({
          reportId: row.existing.report_id,
          ventureId: row.ventureId,
          ventureName: row.ventureName,
          communityId: row.communityId,
          month: row.month,
          status: row.existing.status as ReportStatus,
          action: 'unchanged',
        });
      }
    } else if (row.existing) editable.push({ ...row, existing: row.existing });
    else fresh.push(row);
  }
  const many = (row: PlannedRow): service.ManyReportsRow => ({
    ventureId: row.ventureId,
    communityId: row.communityId,
    operatorPartnerId: row.operatorPartnerId,
    month: row.month,
    figures: row.figures,
    typedZeros: row.typedZeros,
    notes: row.notes,
    explanations: row.explanations,
    flags: row.flags,
  });
  // the KPI roll-up refresh of every report written below runs once per community and month at COMMIT, not per
  // statement (migration 2026-12-08T1000: each statement's refresh cost its keys × the district's reports)
  await sql`select set_config('gongfu.kpi_defer', 'on', true)`.execute(trx);
  // a draft or returned report: the form's update (and submit), at the version the check read
  const updated = await service.updateMany(
    trx,
    actor,
    editable.map((row) => ({
      ...many(row),
      reportId: row.existing.report_id,
      version: row.existing.version,
    })),
    submit,
    requestId,
  );
  const created = await service.createMany(trx, actor, fresh.map(many), submit, requestId);
  await sql`select set_config('gongfu.kpi_defer', 'off', true)`.execute(trx);

  const records: Parameters<typeof reportImports.recordImports>[1][number][] = [];
  const written = [
    ...editable.map((row, i) => ({ row, report: updated[i], action: 'updated' as const })),
    ...fresh.map((row, i) => ({ row, report: created[i], action: 'created' as const })),
  ];
  for (const { row, report, action } of written) {
    if (!report || report.ventureId !== row.ventureId || report.month !== row.month) {
      throw new Error(`the import wrote no report for ${row.ventureId} ${row.month}`);
    }
    records.push({
      district_id: scope.districtId,
      community_id: row.communityId,
      file_hash: file.hash,
      venture_id: row.ventureId,
      month: row.month,
      mode,
      report_id: report.id,
      imported_by: actor.userId,
    });
    result.reports.push({
      reportId: report.id,
      ventureId: row.ventureId,
      ventureName: row.ventureName,
      communityId: row.communityId,
      month: row.month,
      status: report.status,
      action,
    });
  }
  result.updated = updated.length;
  result.created = created.length;
  result.submitted = submit ? updated.length + created.length : 0;
  await reportImports.recordImports(trx, records);
  return result;
}

export const importRefused = (check: ImportCheck) =>
  new ApiError(422, 'import_has_problems', undefined, { count: check.problems.length });
