/**
 * `npm run analytics:generate -- --deals 1000000`: a company with that many deals (about six
 * events each) for analytics at scale, against DATABASE_URL or the embedded database. Meant for a
 * database of its own (it switches the analytics triggers off while it writes; see
 * lib/server/seed/analytics-scale.ts).
 */
import postgres from "postgres";
import { generateScaleCompany } from "@/lib/server/seed/analytics-scale";
import { log, migrate, openDatabase } from "./database";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const deals = Number(arg("deals") ?? 1_000_000);
if (!Number.isInteger(deals) || deals < 1 || deals > 20_000_000) {
  console.error("usage: npm run analytics:generate -- --deals <1..20000000>");
  process.exit(2);
}

const db = await openDatabase();
let code = 0;
try {
  await migrate(db.url);
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const started = Date.now();
  const made = await generateScaleCompany(sql, { deals, log: (m) => log(`  ${m}`) });
  log(
    `company ${made.companyId}: ${made.deals} deals, ${made.events} events in ${Math.round((Date.now() - started) / 1000)} s` +
      ` (sign in as ${"admin." + made.companyId + "@scale.test"} after setting a password)`,
  );
  await sql.end({ timeout: 5 });
} catch (e) {
  console.error("[pipewright]", e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
