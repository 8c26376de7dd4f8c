import { type CompiledQuery, createQueryId } from 'kysely';
import type { ScopedTransaction } from './tenant';

/** A query builder (`compile()`) or a raw `sql` template (`compile(trx)`). */
interface Compiles<R> {
  compile(executorProvider: ScopedTransaction): CompiledQuery<R>;
}

/** Where a call's value goes in a statement compiled once per shape (`compiledPerShape`), named by its path. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * Splits a call's arguments into what shapes the text and what is bound: `undefined`, `null`, `false`, `''`, `0`,
 * `true` and the values at `shapePaths` stay as they are and make the shape's key; every other value (a string, a
 * number, a date) becomes a slot named by its path and is bound per call. Plain objects and arrays are walked.
 */
function split(
  value: unknown,
  path: string,
  shapePaths: ReadonlySet<string>,
  values: Map<string, unknown>,
): [slotted: unknown, key: unknown] {
  if (shapePaths.has(path) || !value || value === true) return [value, value ?? null];
  if (Array.isArray(value)) {
    const parts = value.map((item, i) => split(item, `${path}.${i}`, shapePaths, values));
    return [parts.map(([slotted]) => slotted), parts.map(([, key]) => key)];
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const slotted: Record<string, unknown> = {};
    const key: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      [slotted[name], key[name]] = split(item, path ? `${path}.${name}` : name, shapePaths, values);
    }
    return [slotted, key];
  }
  values.set(path, value);
  return [new Slot(path), '$'];
}

/**
 * A statement compiled once per shape and bound per call (issue 14: "cache compiled statements that do not change
 * shape"; ADR 0033). Kysely builds and walks a query's nodes on every call — for the community list ~5 % of a
 * request's server time under load — for text that is the same for every caller of a shape: the community list (one
 * community or all), the reports list's page and count (a scope, a filter and a sort whose present parts change the
 * text), the KPI answers' small reads (the due day, the selected communities, the targets).
 *
 * The builder gets the arguments with their values as slots (`split`): it may branch on whether a part is present
 * (a slot is truthy, an absent part stays absent) and on the booleans and the `shapePaths` it is given as they are;
 * a value it compares or otherwise looks into (a sort key) must be named in `shapePaths`. The first call of a shape
 * builds twice, with the slots and with the values themselves, and checks that both give the same text and bind
 * the same values: a builder that looked into a value it was not given, or bound one it was not given as a slot,
 * throws there instead of caching a statement for the next caller.
 */
export function compiledPerShape<A extends object, R>(
  build: (trx: ScopedTransaction, args: A) => Compiles<R>,
  shapePaths: readonly string[] = [],
  maxShapes = 64,
): (trx: ScopedTransaction, args: A) => CompiledQuery<R> {
  const shaping = new Set(shapePaths);
  const byShape = new Map<string, CompiledQuery<R>>();
  return (trx, args) => {
    const values = new Map<string, unknown>();
    const [slotted, key] = split(args, '', shaping, values);
    const shape = JSON.stringify(key);
    let compiled = byShape.get(shape);
    if (compiled === undefined) {
      compiled = build(trx, slotted as A).compile(trx);
      const direct = build(trx, args).compile(trx);
      const same =
        direct.sql === compiled.sql &&
        direct.parameters.length === compiled.parameters.length &&
        compiled.parameters.every((p, i) =>
          Object.is(p instanceof Slot ? values.get(p.name) : p, direct.parameters[i]),
        );
      if (!same)
        throw new Error(
          `compiledPerShape: the statement of shape ${shape} is built from more than its shape`,
        );
      if (byShape.size >= maxShapes) byShape.delete(byShape.keys().next().value as string);
    } else {
      byShape.delete(shape); // most recently used last: the first key is the one to drop
    }
    byShape.set(shape, compiled);
    return {
      ...compiled,
      // a query id of its own per execution, as a fresh compile would have
      queryId: createQueryId(),
      parameters: compiled.parameters.map((p) => (p instanceof Slot ? values.get(p.name) : p)),
    };
  };
}
