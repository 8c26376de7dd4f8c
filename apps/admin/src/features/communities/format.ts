/** Integers with thousands separators in the UI language; `—` for unknown. */
export function formatCount(value: number | null | undefined, language: string, unknown: string): string {
  return value === null || value === undefined ? unknown : value.toLocaleString(language);
}
