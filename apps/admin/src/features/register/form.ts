import {
  CREDIT_CODE_ALPHABET,
  formatDomainError,
  formatMessage,
  formatYuan,
  normalizeCreditCode,
  validateCreditCode,
} from '@gongfu/domain';
import type { FormInstance, FormRule as Rule } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../lib/api-client';
import { localeOf } from '../../lib/i18n';
import { yuanToFen } from '../funds/form';

/**
 * Form helpers of the register's drawers: amounts typed in 元 (stored as fen), shares typed as percentages
 * (stored as basis points), and the unified social credit code checked as typed with the domain's GB 32100 rule.
 */

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "51" → 5100, "33.33" → 3333; undefined unless 0–100 with at most two decimals (one basis point). */
export function percentToBp(text: string | undefined | null): number | undefined {
  const match = PERCENT.exec((text ?? '').trim().replace(/[%％]$/, ''));
  if (!match) return undefined;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : undefined;
}

/** 5100 → "51", 3333 → "33.33": how a share is shown in its input. */
export function bpToPercentInput(bp: number): string {
  return bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2);
}

/** 元 text for an input from fen ("20000.00"), or '' for none. */
export function fenToYuanInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '' : formatYuan(fen);
}

/** An amount in 元: at most two decimals, not negative; empty is refused only when required. */
export function yuanRule(t: TFunction, required = false): Rule {
  return {
    validator: (_, value: string | undefined) => {
      if (value === undefined || value.trim() === '') {
        return required ? Promise.reject(new Error(t('register.form.required'))) : Promise.resolve();
      }
      const fen = yuanToFen(value);
      if (fen === undefined || fen < 0) return Promise.reject(new Error(t('register.form.yuanInvalid')));
      return Promise.resolve();
    },
  };
}

/** A percentage 0–100 with at most two decimals; `positive` refuses 0 (a shareholding). */
export function percentRule(t: TFunction, positive = false): Rule {
  return {
    validator: (_, value: string | undefined) => {
      if (value === undefined || value.trim() === '') {
        return Promise.reject(new Error(t('register.form.required')));
      }
      const bp = percentToBp(value);
      if (bp === undefined) return Promise.reject(new Error(t('register.form.percentInvalid')));
      if (positive && bp === 0) return Promise.reject(new Error(t('register.form.percentPositive')));
      return Promise.resolve();
    },
  };
}

/**
 * The credit code checked as typed: a character outside the alphabet, a division that is not digits, or a
 * check character that does not match is said at once (the domain's message names the position or the
 * expected character); a code still too short only when the field is left or the form is sent.
 */
export function creditCodeRules(t: TFunction, language: string, required: boolean): Rule[] {
  const locale = localeOf(language);
  const check = (value: string | undefined, whileTyping: boolean) => {
    if (!value || value.trim() === '') return Promise.resolve();
    const result = validateCreditCode(value);
    if (result.ok) return Promise.resolve();
    const short = result.error.code === 'credit_code.length' && Number(result.error.params.length) < 18;
    if (whileTyping && short) {
      // the domain checks the length first; while typing, what is there is already checked character by character
      const typed = prefixError(normalizeCreditCode(value), locale);
      return typed ? Promise.reject(new Error(typed)) : Promise.resolve();
    }
    return Promise.reject(new Error(formatDomainError(result.error, locale)));
  };
  return [
    ...(required ? [{ required: true, whitespace: true, message: t('register.form.required') }] : []),
    { validateTrigger: 'onChange', validator: (_, value: string | undefined) => check(value, true) },
    { validateTrigger: 'onBlur', validator: (_, value: string | undefined) => check(value, false) },
  ];
}

/** What is wrong with the first characters of a code still being typed (the domain's wording), or null. */
function prefixError(code: string, locale: 'zh-CN' | 'en'): string | null {
  for (let i = 0; i < code.length; i++) {
    const char = code[i] ?? '';
    if (!CREDIT_CODE_ALPHABET.includes(char)) {
      return formatMessage('credit_code.character', { position: i + 1, char }, locale);
    }
  }
  const division = code.slice(2, 8);
  if (/\D/.test(division)) return formatMessage('credit_code.division', { division }, locale);
  return null;
}

/** The field errors of a refusal keyed by a row of a list (`items.2.shareBp` → ['items', 2, 'share']). */
export function applyListServerErrors(
  error: unknown,
  form: FormInstance,
  list: string,
  fieldMap: Readonly<Record<string, string>>,
): void {
  if (!isApiError(error)) return;
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [path, text] of Object.entries(error.fields)) {
    const [head, index, field] = path.split('.');
    if (head !== list || index === undefined || field === undefined) continue;
    placed.push({ name: [list, Number(index), fieldMap[field] ?? field], errors: [text] });
  }
  if (placed.length > 0) form.setFields(placed);
}
