// Search params are validated without importing the contract or the domain (they would land in the entry chunk).

const BOUND = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** The board's period: months (YYYY-MM) or days (YYYY-MM-DD); the API checks the calendar and the order. */
export interface BoardSearch {
  from?: string;
  to?: string;
}

export function validateBoardSearch(search: Record<string, unknown>): BoardSearch {
  const out: BoardSearch = {};
  if (typeof search.from === 'string' && BOUND.test(search.from)) out.from = search.from;
  if (typeof search.to === 'string' && BOUND.test(search.to)) out.to = search.to;
  return out;
}
