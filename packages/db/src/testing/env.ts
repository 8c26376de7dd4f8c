/** The test harness's one look at the environment: which PostgreSQL server, if any, tests run against. */
export const testDatabaseUrl: string | undefined = process.env.DATABASE_URL || undefined;
/** With DATABASE_URL a Citus coordinator: its workers, "host:port,host:port" (infra/citus, ADR 0027). */
export const testCitusWorkers: string | undefined = process.env.CITUS_WORKERS || undefined;
/** GONGFU_TEST_PGLITE_WORKER=1: the tests' PGlite in a worker thread, as the server runs it (ADR 0029). */
export const testPgliteWorker: boolean = process.env.GONGFU_TEST_PGLITE_WORKER === '1';
