/** `npm run db:migrate` and `npm run db:seed`, against DATABASE_URL or the embedded database. */
import { log, migrate, openDatabase, seedDemoCompany } from "./database";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("usage: tsx lib/cli/db.ts migrate|seed");
  process.exit(2);
}

const db = await openDatabase();
let code = 0;
try {
  await migrate(db.url);
  if (command === "seed") {
    const seeded = await seedDemoCompany(db.url, { onlyIntoEmpty: false });
    if (!seeded) log("the demo company is already there; nothing to do");
  }
} catch (e) {
  console.error("[pipewright]", e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
