import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { benchServer, freshDatabase, measure, report } from "./support";

// Checks the harness itself: a fresh seeded database and one query.
const { serverUrl, stop } = await benchServer();
const url = await freshDatabase(serverUrl, "bench_smoke");
const { db, client } = createDb(url);
const m = await measure(() => db.execute(sql`select count(*) from persons`));
report("harness: count persons on a seeded database", `${m.ms.toFixed(1)} ms`, `peak RSS ${m.peakRssMb} MB`);
await client.end();
await stop();
