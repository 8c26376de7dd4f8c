import type { DomainErrorCode } from './validation-messages';

/** Values substituted into a message's `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A refused business rule. The code keys the bilingual catalogue in `validation-messages.ts`;
 * `params` fill its placeholders and tell an API client which field or figure was wrong.
 */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly params: MessageParams;
}

/**
 * Rules that can be refused by user input return a Result instead of throwing, so a service can
 * turn every refusal into a 4xx and none into a 500.
 */
export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err(code: DomainErrorCode, params: MessageParams = {}): Result<never, DomainError> {
  return { ok: false, error: { code, params } };
}
