// Repositories of the register feature: plain functions fn(trx, args) over a ScopedTransaction.
export * from './register-assets';
export * from './register-communities';
export * from './register-companies';
export * from './register-district';
export * from './register-partners';
export * from './register-street-offices';
export * from './register-ventures';

/** A statement refused because another row still refers to the one being deleted. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}
