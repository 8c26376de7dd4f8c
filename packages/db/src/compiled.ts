import { type CompiledQuery, createQueryId } from 'kysely';
import type { ScopedTransaction } from './tenant';

/** A query builder (`compile()`) or a raw `sql` template (`compile(trx)`). */
interface Compiles<R> {
  compile(executorProvider: ScopedTransaction): CompiledQuery<R>;
}

/** Where a named value goes in a statement compiled once (`compiledStatement`). */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A statement whose text is the same on every call, compiled on its first use and bound per call (issue 14: "cache
 * compiled statements that do not change shape"). Kysely builds and walks a query's nodes on every call — for the
 * community list ~5 % of a request's server time under load (CPU profile, ADR 0033) — for text that never changes.
 *
 * `build` gets its values as slots (`values.districtId`) and must use them only as values: a branch on a value would
 * change the shape, so a statement with optional parts is one `compiledStatement` per shape. Each call binds the
 * values in their slots; whatever else the builder bound (constants) stays as it was compiled.
 */
export function compiledStatement<V extends Record<string, unknown>, R>(
  build: (trx: ScopedTransaction, values: V) => Compiles<R>,
): (trx: ScopedTransaction, values: V) => CompiledQuery<R> {
  let compiled: CompiledQuery<R> | undefined;
  return (trx, values) => {
    if (compiled === undefined) {
      const slots = new Proxy({} as V, {
        get: (_target, name) => (typeof name === 'string' ? new Slot(name) : undefined),
      });
      compiled = build(trx, slots).compile(trx);
    }
    return {
      ...compiled,
      // a query id of its own per execution, as a fresh compile would have
      queryId: createQueryId(),
      parameters: compiled.parameters.map((p) => (p instanceof Slot ? values[p.name] : p)),
    };
  };
}
