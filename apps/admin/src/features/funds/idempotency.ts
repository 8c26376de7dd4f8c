import { useRef } from 'react';
import { isApiError } from '../../lib/api-client';

/**
 * An `Idempotency-Key` per attempt at a money write. After a dropped connection or a 5xx the next attempt
 * reuses the key (the first may have gone through: the server answers it once); after any other answer a new
 * attempt gets a new key (the server replays a stored answer, so a refusal must not be replayed for good).
 */
export function useIdempotencyKey() {
  const key = useRef<string | null>(null);
  return {
    next(): string {
      key.current ??= crypto.randomUUID();
      return key.current;
    },
    settle(error?: unknown) {
      const retryable = isApiError(error) && (error.status === 0 || error.status >= 500);
      if (!retryable) key.current = null;
    },
  };
}
