import type { ReportDetail, ReportExplanations, ReportFigureField } from '@gongfu/contract';
import {
  formatYuan,
  parseYuan,
  REPORT_FIGURE_FIELDS,
  type ReportFigures,
  validateReportFigures,
} from '@gongfu/domain';
import { REPORT_DRAFT_PREFIX, REPORT_EXPLAINED_PREFIX } from '../../lib/kept-on-device';
import { figureKind } from '../reports/figures';

/** What the form holds: the figures as typed (text), the notes and the explanations of flagged figures. */
export interface DraftValues {
  figures: Record<ReportFigureField, string>;
  notes: string;
  explanations: ReportExplanations;
}

export type FieldErrors = Partial<Record<ReportFigureField | 'notes', string>>;

/**
 * The form's text for a saved report: money as 元 with two decimals, counts as whole numbers, both grouped in
 * thousands as the hints beside them are (typing keeps the grouping, see groupFigureText). While the report is
 * still being filled, a zero the clerk did not type shows as an empty field (with no placeholder, which looked like
 * a typed 0): a new draft starts blank, as a paper form does, rather than full of zeros that look typed; a typed 0
 * comes back as 0 (the API keeps which zeros were typed, ADR 0042).
 */
export function valuesOf(report: ReportDetail): DraftValues {
  const filling = report.status === 'draft' || report.status === 'returned';
  const typed = new Set(report.typedZeros);
  const figures = Object.fromEntries(
    REPORT_FIGURE_FIELDS.map((field) => {
      const value = report[field];
      if (filling && value === 0 && !typed.has(field)) return [field, ''];
      return [field, figureTextOf(field, value)];
    }),
  ) as Record<ReportFigureField, string>;
  return { figures, notes: report.notes ?? '', explanations: { ...report.explanations } };
}

/** A figure (fen or a count) as the form writes it: 56,000.00 or 2,600. */
export function figureTextOf(field: ReportFigureField, value: number): string {
  return figureKind(field) === 'money'
    ? formatYuan(value, { grouping: true })
    : value.toLocaleString('en-US');
}

const COUNT = /^\d{1,10}$/;

/**
 * The text as typed, grouped in thousands (58000 → 58,000; a pasted 58,000.00 stays), and where the caret goes: after
 * as many characters other than commas as it followed before, so typing on in the middle of a figure keeps its
 * place. Anything that is not a plain figure (a minus, a letter, a leading 0 such as 007) is left as typed, for
 * the field's error to name. The commas are only for reading: parseFigures drops them.
 */
export function groupFigureText(
  text: string,
  kind: 'money' | 'count',
  caret: number = text.length,
): { text: string; caret: number } {
  const bare = text.replace(/,/g, '');
  const plain = kind === 'money' ? /^(\d+)(\.\d*)?$/ : /^(\d+)()$/;
  const match = plain.exec(bare);
  const whole = match?.[1];
  if (!match || whole === undefined || (whole.length > 1 && whole.startsWith('0'))) return { text, caret };
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',') + (match[2] ?? '');
  const before = text.slice(0, caret).replace(/,/g, '').length;
  let at = 0;
  for (let seen = 0; at < grouped.length && seen < before; at++) if (grouped[at] !== ',') seen++;
  return { text: grouped, caret: at };
}

/**
 * The typed text as figures in fen and counts, or the fields that do not parse. A blank field counts as 0: a
 * clerk leaves empty what did not happen this month.
 */
export function parseFigures(
  values: DraftValues,
): { ok: true; figures: ReportFigures } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const figures: Record<string, number> = {};
  for (const field of REPORT_FIGURE_FIELDS) {
    const text = values.figures[field].trim().replace(/,/g, '');
    if (text === '') {
      figures[field] = 0;
      continue;
    }
    if (figureKind(field) === 'money') {
      const parsed = parseYuan(text);
      if (parsed.ok && parsed.value >= 0) figures[field] = parsed.value;
      else errors[field] = 'money';
    } else if (COUNT.test(text)) {
      figures[field] = Number(text);
    } else {
      errors[field] = 'count';
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, figures: figures as unknown as ReportFigures };
}

/** The domain's consistency rules (parts never above their whole), as field errors. */
export function consistencyErrors(figures: ReportFigures): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of validateReportFigures(figures)) {
    if (problem.code !== 'report.subset_exceeds_total') continue;
    if (problem.params.totalField === 'serviceRequests') errors.requestsWithinPromise = 'withinPromise';
    else errors.childrenServed = 'groups';
  }
  return errors;
}

/** The figures typed as 0, as opposed to left blank (both are sent as 0; the API keeps which was which). */
export function typedZerosOf(values: DraftValues, figures: ReportFigures): ReportFigureField[] {
  return REPORT_FIGURE_FIELDS.filter((field) => figures[field] === 0 && values.figures[field].trim() !== '');
}

/** Only explanations with words in them are sent (the API refuses a blank one). */
export function explanationsToSend(explanations: ReportExplanations): ReportExplanations {
  return Object.fromEntries(
    Object.entries(explanations).filter(([, text]) => typeof text === 'string' && text.trim() !== ''),
  ) as ReportExplanations;
}

// ---- the unsaved draft kept on this device -----------------------------------------------------------------

const storageKey = (reportId: string) => `${REPORT_DRAFT_PREFIX}${reportId}`;

export interface StoredDraft {
  version: number;
  values: DraftValues;
}

export function storeDraft(reportId: string, draft: StoredDraft): void {
  try {
    globalThis.localStorage?.setItem(storageKey(reportId), JSON.stringify(draft));
  } catch {
    // storage full or unavailable: the values stay in the form, only a reload would lose them
  }
}

export function readStoredDraft(reportId: string): StoredDraft | null {
  try {
    const text = globalThis.localStorage?.getItem(storageKey(reportId));
    if (!text) return null;
    const parsed = JSON.parse(text) as StoredDraft;
    return parsed && typeof parsed.version === 'number' && parsed.values?.figures ? parsed : null;
  } catch {
    return null;
  }
}

export function clearStoredDraft(reportId: string): void {
  try {
    globalThis.localStorage?.removeItem(storageKey(reportId));
  } catch {
    // nothing to clear
  }
}

/** Whether two typed texts are the same figure (56000 and 56,000.00; a blank and 0, as a blank is sent as 0). */
export function sameFigureText(a: string, b: string): boolean {
  const pa = a.trim().replace(/,/g, '');
  const pb = b.trim().replace(/,/g, '');
  if (pa === pb) return true;
  const na = pa === '' ? 0 : Number(pa);
  const nb = pb === '' ? 0 : Number(pb);
  return Number.isFinite(na) && Number.isFinite(nb) && na === nb;
}

/** The figures whose typed text differs between two sets of values (what loading the latest would replace). */
export function changedFigures(mine: DraftValues, theirs: DraftValues): ReportFigureField[] {
  return REPORT_FIGURE_FIELDS.filter((field) => !sameFigureText(mine.figures[field], theirs.figures[field]));
}

/** The figures left blank, in the form's order: each is sent as 0. */
export function blankFigures(values: DraftValues, order: readonly ReportFigureField[]): ReportFigureField[] {
  return order.filter((field) => values.figures[field].trim() === '');
}

/**
 * For each figure with an explanation, the figure's text it was written against: what the values hold now (as
 * loaded, or when the explanation is typed). A figure moved away from it may have outgrown its explanation.
 */
export function explainedFigures(values: DraftValues): Partial<Record<ReportFigureField, string>> {
  return Object.fromEntries(
    REPORT_FIGURE_FIELDS.filter((field) => (values.explanations[field] ?? '').trim() !== '').map((field) => [
      field,
      values.figures[field],
    ]),
  );
}

// ---- explanations whose figure changed since, kept on this device -----------------------------------------------

/** The figure an explanation was written against, and the explanation as it stood then. */
export interface ExplanationAnchor {
  figure: string;
  explanation: string;
}
export type ExplanationAnchors = Partial<Record<ReportFigureField, ExplanationAnchor>>;

const anchorsKey = (reportId: string) => `${REPORT_EXPLAINED_PREFIX}${reportId}`;

/**
 * Kept on this device: an autosave sends the new figure with the old explanation, so on the next load (a reload,
 * tomorrow) the report itself no longer says the figure moved under it — nor that the clerk confirmed it since.
 * An empty set clears what was kept.
 */
export function storeExplanationAnchors(reportId: string, anchors: ExplanationAnchors): void {
  try {
    if (Object.keys(anchors).length === 0) globalThis.localStorage?.removeItem(anchorsKey(reportId));
    else globalThis.localStorage?.setItem(anchorsKey(reportId), JSON.stringify(anchors));
  } catch {
    // storage unavailable: the prompt still holds until this page is left
  }
}

export function readExplanationAnchors(reportId: string): ExplanationAnchors {
  try {
    const text = globalThis.localStorage?.getItem(anchorsKey(reportId));
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    return parsed && typeof parsed === 'object' ? (parsed as ExplanationAnchors) : {};
  } catch {
    return {};
  }
}

/**
 * The figure each explanation was written against, starting from values as loaded: the one kept on this device for
 * the same explanation text (changed after it, or confirmed since); else, on a returned report, the figure it was
 * submitted with — its flags were found on the figures sent with the explanations, and a reload or another device
 * must still ask; else the figure loaded. An explanation rewritten elsewhere no longer matches what was kept.
 */
export function anchorsOnLoad(
  values: DraftValues,
  kept: ExplanationAnchors,
  submittedFlags: readonly { field: ReportFigureField; value: number }[] = [],
): Partial<Record<ReportFigureField, string>> {
  const loaded = explainedFigures(values);
  for (const field of Object.keys(loaded) as ReportFigureField[]) {
    const anchor = kept[field];
    const submitted = submittedFlags.find((flag) => flag.field === field);
    if (anchor && typeof anchor.figure === 'string' && anchor.explanation === values.explanations[field])
      loaded[field] = anchor.figure;
    else if (submitted) loaded[field] = figureTextOf(field, submitted.value);
  }
  return loaded;
}
