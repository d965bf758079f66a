import { afterAll, beforeAll, inject } from "vitest";
import { setDbForTests } from "../../db";
import { createDatabaseFrom, dropDatabase, uniqueDbName } from "./db-server";

/** Each integration test file runs on its own database, cloned from the migrated and seeded template. */
const name = uniqueDbName("t");
beforeAll(async () => {
  const url = await createDatabaseFrom(inject("dbServerUrl"), inject("templateDb"), name);
  process.env.DATABASE_URL = url;
  setDbForTests(url);
});

afterAll(async () => {
  const g = globalThis as unknown as { __kaowuDb?: { client: { end: () => Promise<void> } } };
  await g.__kaowuDb?.client.end();
  await dropDatabase(inject("dbServerUrl"), name);
});
