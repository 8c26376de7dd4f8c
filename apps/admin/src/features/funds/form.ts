import { parseYuan } from '@gongfu/domain';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../lib/api-client';

type Translate = TFunction;

/** A zod issue, as much of it as the messages need (the contract's schemas are zod 4). */
interface Issue {
  code: string;
  path: PropertyKey[];
  input?: unknown;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
}

/** Parses what a person typed as 元 into fen; undefined when it is not an amount with at most two decimals. */
export function yuanToFen(text: string | undefined | null): number | undefined {
  if (text === undefined || text === null || text.trim() === '') return undefined;
  const parsed = parseYuan(text.replaceAll(',', '').replaceAll('，', ''));
  return parsed.ok ? parsed.value : undefined;
}

/** A form rule for an amount in 元: required, at most two decimals, above zero. */
export function yuanRule(t: Translate) {
  return {
    validator: (_: unknown, value: string | undefined) => {
      if (value === undefined || value.trim() === '')
        return Promise.reject(new Error(t('funds.form.required')));
      const fen = yuanToFen(value);
      if (fen === undefined) return Promise.reject(new Error(t('funds.form.amountInvalid')));
      if (fen <= 0) return Promise.reject(new Error(t('funds.form.amountPositive')));
      return Promise.resolve();
    },
  };
}

/** One issue of a contract schema as a sentence in the UI language. */
export function describeIssue(issue: Issue, t: Translate): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? t('funds.form.required') : t('funds.form.invalid');
    case 'too_small':
      if (issue.origin === 'string') return t('funds.form.required');
      return t('funds.form.tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('funds.form.tooLong', { max: String(issue.maximum) });
      return t('funds.form.tooBig', { max: String(issue.maximum) });
    default:
      return t('funds.form.invalid');
  }
}

/** The body's field name → the form's, where they differ (amounts are typed in 元, sent in fen). */
export type FieldMap = Readonly<Record<string, string>>;

function formField(path: string, fieldMap: FieldMap, fields: readonly string[]): string | undefined {
  const last = path.split(/[./]/).at(-1) ?? '';
  const name = fieldMap[last] ?? last;
  return fields.includes(name) ? name : undefined;
}

interface SafeParser {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: Issue[] } };
}

/**
 * Checks a body against the contract's schema before it is sent; the issues go on their fields. Returns
 * true when the body is valid.
 */
export function checkWithSchema(
  schema: SafeParser,
  body: unknown,
  form: FormInstance,
  fields: readonly string[],
  t: Translate,
  fieldMap: FieldMap = {},
): boolean {
  const result = schema.safeParse(body);
  if (result.success) return true;
  const byField = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const name = formField(issue.path.map(String).join('.'), fieldMap, fields) ?? fields[0];
    if (!name) continue;
    const list = byField.get(name) ?? [];
    list.push(describeIssue(issue, t));
    byField.set(name, list);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return false;
}

/**
 * Puts the server's field errors on their fields; returns those that have no field here (shown above the
 * form). `extra` places a refusal without fields on a field (e.g. "more than the balance" on the amount).
 */
export function applyServerErrors(
  error: unknown,
  form: FormInstance,
  fields: readonly string[],
  fieldMap: FieldMap = {},
  extra?: { code: readonly string[]; field: string },
): { path: string; text: string }[] {
  if (!isApiError(error)) return [];
  const placed: { name: string; errors: string[] }[] = [];
  const unplaced: { path: string; text: string }[] = [];
  for (const [path, text] of Object.entries(error.fields)) {
    const name = formField(path, fieldMap, fields);
    if (name) placed.push({ name, errors: [text] });
    else unplaced.push({ path, text });
  }
  if (extra?.code.includes(error.code) && fields.includes(extra.field)) {
    placed.push({ name: extra.field, errors: [error.message] });
  }
  if (placed.length > 0) form.setFields(placed);
  return unplaced;
}

/** A write refused because someone else changed the object since it was read. */
export function isStale(error: unknown): boolean {
  return isApiError(error, 409) && error.code === 'stale_version';
}
