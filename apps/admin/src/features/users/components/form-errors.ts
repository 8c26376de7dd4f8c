import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/api-client';
import { describeIssue } from '../../funds/form';

/** `memberships.0.communityId` → ['memberships', 0, 'communityId'], the form's name of that field. */
function namePath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? Number(p) : String(p)));
}

/** A field the form shows: it holds a value (a hidden membership field holds none). */
const known = (form: FormInstance, name: (string | number)[]) => form.getFieldValue(name) !== undefined;

interface SafeParser {
  safeParse(
    data: unknown,
  ): { success: true } | { success: false; error: { issues: { code: string; path: PropertyKey[] }[] } };
}

/**
 * Checks a body with the contract's schema before it is sent, putting each issue on its field (nested paths
 * too: a membership's role). Returns true when the body is valid.
 */
export function checkNested(schema: SafeParser, body: unknown, form: FormInstance, t: TFunction): boolean {
  const result = schema.safeParse(body);
  if (result.success) return true;
  const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of result.error.issues) {
    const name = namePath(issue.path);
    const key = JSON.stringify(name);
    const entry = fields.get(key) ?? { name, errors: [] };
    entry.errors.push(describeIssue(issue, t));
    fields.set(key, entry);
  }
  form.setFields([...fields.values()]);
  return false;
}

/** The API's field errors on their fields; those the form has no field for are returned (shown above it). */
export function placeServerErrors(error: unknown, form: FormInstance): { path: string; text: string }[] {
  if (!isApiError(error)) return [];
  const unplaced: { path: string; text: string }[] = [];
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [path, text] of Object.entries(error.fields)) {
    const name = namePath(path.split('.'));
    if (known(form, name)) placed.push({ name, errors: [text] });
    else unplaced.push({ path, text });
  }
  if (placed.length > 0) form.setFields(placed);
  return unplaced;
}
