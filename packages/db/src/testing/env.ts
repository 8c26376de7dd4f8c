/** The test harness's one look at the environment: which PostgreSQL server, if any, tests run against. */
export const testDatabaseUrl: string | undefined = process.env.DATABASE_URL || undefined;
