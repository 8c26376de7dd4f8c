// Repositories of the reports feature: plain functions fn(trx, args) over a ScopedTransaction.
export {};
