import { NUL_REFUSED } from '@gongfu/contract';
import type { z } from 'zod';
import type { Lang } from './messages';

type Issue = z.core.$ZodIssue;

const FORMAT_NAMES: Record<string, Record<Lang, string>> = {
  email: { 'zh-CN': '邮箱地址', en: 'an email address' },
  uuid: { 'zh-CN': 'UUID', en: 'a UUID' },
  date: { 'zh-CN': '日期（YYYY-MM-DD）', en: 'a date (YYYY-MM-DD)' },
  regex: { 'zh-CN': '规定格式', en: 'the required format' },
};

const TYPE_NAMES: Record<string, Record<Lang, string>> = {
  string: { 'zh-CN': '文本', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  int: { 'zh-CN': '整数', en: 'a whole number' },
  boolean: { 'zh-CN': '是/否', en: 'true or false' },
  object: { 'zh-CN': '对象', en: 'an object' },
  array: { 'zh-CN': '列表', en: 'a list' },
};

/** One issue as a sentence for the user, in their language. */
export function describeIssue(issue: Issue, lang: Lang): string {
  const zh = lang === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return zh ? '必填' : 'Required';
      const t = TYPE_NAMES[issue.expected]?.[lang] ?? issue.expected;
      return zh ? `应为${t}` : `Must be ${t}`;
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? zh
            ? '不能为空'
            : 'Must not be empty'
          : zh
            ? `至少 ${issue.minimum} 个字符`
            : `At least ${issue.minimum} characters`;
      }
      return zh ? `不能小于 ${issue.minimum}` : `Must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string')
        return zh ? `最多 ${issue.maximum} 个字符` : `At most ${issue.maximum} characters`;
      return zh ? `不能大于 ${issue.maximum}` : `Must be at most ${issue.maximum}`;
    case 'invalid_format': {
      // the shared text schema's NUL check (packages/contract common.ts): say what is wrong, not "format"
      if (issue.message === NUL_REFUSED)
        return zh ? '不能包含空字符（NUL，\\u0000）' : 'Must not contain the NUL character (\\u0000)';
      const f = FORMAT_NAMES[issue.format]?.[lang] ?? issue.format;
      return zh ? `格式不正确，应为${f}` : `Must be ${f}`;
    }
    case 'invalid_value':
      return zh
        ? `取值应为：${issue.values.map(String).join('、')}`
        : `Must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return zh ? `不认识的字段：${issue.keys.join('、')}` : `Unknown fields: ${issue.keys.join(', ')}`;
    default:
      return zh ? '取值无效' : 'Invalid value';
  }
}

/** Field path → message; the first issue of each field wins. */
export function fieldsOf(issues: readonly Issue[], lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[path] ??= describeIssue(issue, lang);
  }
  return fields;
}
