// Repositories of the funds feature: plain functions fn(trx, args) over a ScopedTransaction.
export {};
