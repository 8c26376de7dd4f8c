import { fenToChineseCapital, formatYuan, type LocalizedText } from '@gongfu/domain';
import type { TranslationKey } from '../../lib/translation-key';
import { formatKpiText } from '../kpis/format';

type Translate = (key: TranslationKey) => string;

/** Exact 元 with grouping and two decimals: "36,000.00 元" (ledger rows, limits: to the fen). */
export function yuanText(fen: number, t: Translate): string {
  return `${formatYuan(fen, { grouping: true })} ${t('kpi.unit.fen')}`;
}

/** A headline amount by the locale's rules: 元 below 1 万元, 万元 from there ("3.60 万元"). */
export function amountText(fen: number, language: string, t: Translate): string {
  return formatKpiText('fen', fen, language, t);
}

/** 大写金额 for the Chinese UI (vouchers and boards print it); nothing in English. */
export function capitalText(fen: number, language: string): string | null {
  return language === 'en' ? null : fenToChineseCapital(fen);
}

export function label(text: LocalizedText, language: string): string {
  return language === 'en' ? text.en : text['zh-CN'];
}
