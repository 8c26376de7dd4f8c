// Repositories of the oversight feature: plain functions fn(trx, args) over a ScopedTransaction.
export {};
