import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromium } from "@playwright/test";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import { DEMO_PASSWORD } from "@/lib/server/seed/demo";

const OPEN_DEALS = 2000;
const RUNS = 5;
const root = path.resolve(import.meta.dirname, "../..");

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

/** Tops the demo's default pipeline up to 2,000 open deals, spread over its open stages. */
async function fillPipeline(db: Db, companyId: string) {
  const [pipeline] = await db
    .select({ id: pipelines.id, versionId: pipelineVersions.id })
    .from(pipelines)
    .innerJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, pipelines.companyId),
        eq(pipelineVersions.pipelineId, pipelines.id),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.isDefault, true)));
  if (!pipeline) throw new Error("the demo company has no default pipeline");
  const [{ open } = { open: 0 }] = await db
    .select({ open: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(eq(deals.companyId, companyId), eq(deals.pipelineId, pipeline.id), isNull(deals.closedAt)));
  const missing = Math.max(0, OPEN_DEALS - open);
  // Copies of the demo's open deals (owner, team, fields), each a new deal in a stage of the same version.
  await db.execute(sql`
    insert into deals (company_id, pipeline_id, pipeline_version_id, stage, title, account, amount, currency,
                       fields, owner_id, team_id, score, priority, stage_entered_at)
    select d.company_id, d.pipeline_id, ${pipeline.versionId}, d.stage, d.title || ' #' || g, d.account, d.amount,
           d.currency, d.fields, d.owner_id, d.team_id, d.score, d.priority, now() - (g % 90) * interval '1 day'
    from generate_series(1, ${missing}) g
    join lateral (
      select * from deals
      where company_id = ${companyId} and pipeline_id = ${pipeline.id} and closed_at is null
      order by id offset (g % greatest(${open}, 1)) limit 1
    ) d on true`);
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(eq(deals.companyId, companyId), eq(deals.pipelineId, pipeline.id), isNull(deals.closedAt)));
  return total;
}

/**
 * `board_2000_deals_render_ms`: the production build serves the bench database with 2,000 open
 * deals in the default pipeline; headless Chromium, signed in as the admin (who sees them all),
 * opens the board. The figure is the median time from navigation start until every column is
 * drawn with its cards (the board's data is fetched after hydration, so it is included).
 */
export async function benchBoard(
  dbUrl: string,
  db: Db,
  companyId: string,
  print: (name: string, value: number, unit: string) => void,
) {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error(
      "bench board_2000_deals_render_ms skipped: no production build (run `npm run build` first)",
    );
    return;
  }
  const total = await fillPipeline(db, companyId);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "lib/cli/serve.ts", "start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      PW_SEED_DEMO: "false",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const ok = await fetch(`${base}/signin`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error("the production server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    await page.goto(`${base}/signin`);
    await page.locator("#email").fill("admin@example.com");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));

    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      await page.goto(`${base}/deals/board`, { waitUntil: "commit" });
      await page.waitForFunction(
        () => {
          const columns = document.querySelectorAll('[data-testid^="board-column-"]');
          if (columns.length === 0) return false;
          return document.querySelectorAll('[data-testid="board-card"]').length > 0;
        },
        undefined,
        { polling: "raf", timeout: 60_000 },
      );
      const ms = await page.evaluate(() => performance.now());
      if (i > 0) times.push(ms); // the first run warms the server's caches
    }
    const counted = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="column-count"]')].reduce(
        (sum, el) => sum + Number((el.textContent ?? "").replace(/\D/g, "") || 0),
        0,
      ),
    );
    if (counted < total)
      throw new Error(`the board shows ${counted} deals, the pipeline holds ${total} open`);
    times.sort((a, b) => a - b);
    print("board_2000_deals_render_ms", times[Math.floor(times.length / 2)]!, "ms");
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
}
