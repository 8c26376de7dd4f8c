import { validateCreditCode } from '@gongfu/domain';
import type { MessageCode } from '../../i18n/messages';
import { fieldError } from './access';

const FIELD_MESSAGE: Record<string, MessageCode> = {
  'credit_code.length': 'credit_code_length',
  'credit_code.character': 'credit_code_character',
  'credit_code.division': 'credit_code_division',
  'credit_code.check_digit': 'credit_code_check_digit',
};

/** The domain's GB 32100 check; a refusal is a 400 naming `creditCode`. Returns the normalised code. */
export function checkedCreditCode(input: string, field = 'creditCode'): string {
  const result = validateCreditCode(input);
  if (result.ok) return result.value;
  throw fieldError({ [field]: FIELD_MESSAGE[result.error.code] ?? 'credit_code_check_digit' });
}
