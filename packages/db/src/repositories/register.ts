// Repositories of the register feature: plain functions fn(trx, args) over a ScopedTransaction.
export {};
