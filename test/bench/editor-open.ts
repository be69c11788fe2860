import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { longPipeline } from "./engine";

/**
 * editor_open_300_nodes_ms: in headless Chromium, the time from navigating to the editor of a
 * 300-node pipeline until its canvas is interactive (every node measured and the view fitted:
 * the canvas sets data-ready). It needs the production build, served the way the browser tests
 * serve it (its own embedded database, seeded with the demo company); without a build it prints
 * a note and skips.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const root = path.resolve(import.meta.dirname, "../..");

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not come up`);
}

export async function benchEditorOpen(print: (n: string, v: number, u: string) => void) {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("note: editor_open_300_nodes_ms skipped: no production build (run `npm run build` first)");
    return;
  }
  const port = 39000 + (process.pid % 1000);
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pw-bench-editor-"));
  chmodSync(dataDir, 0o777); // the embedded Postgres runs as its own user
  let server: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const logFd = openSync(path.join(dataDir, "server.log"), "a");
    const { DATABASE_URL: _shared, ...env } = process.env; // its own embedded database, as the browser tests
    server = spawn("npx", ["tsx", "lib/cli/serve.ts", "start"], {
      cwd: root,
      stdio: ["ignore", logFd, logFd],
      detached: true,
      env: {
        ...env,
        PORT: String(port),
        PW_DATA_DIR: dataDir,
        PW_DB_PORT: String(55000 + (process.pid % 1000)),
        NEXTAUTH_URL: base,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    await waitFor(`${base}/signin`, 180_000).catch((e: unknown) => {
      console.error(readFileSync(path.join(dataDir, "server.log"), "utf8").slice(-2000));
      throw e;
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/signin`);
    await page.locator("#email").fill("admin@example.com");
    await page.locator("#password").fill("pipewright-demo");
    await page.locator("form button[type=submit]").click();
    await page.waitForURL((u) => u.pathname === "/");

    // A pipeline whose draft is the 300-node process, through the editor's own API.
    // (Plain source text: tsx would add its own helpers to a function passed to the page.)
    const pipelineId = (await page.evaluate(`(async (definition) => {
      async function call(name, input, method) {
        const body = JSON.stringify({ 0: { json: input } });
        const res = await fetch(
          "/api/trpc/" + name + "?batch=1" + (method === "GET" ? "&input=" + encodeURIComponent(body) : ""),
          method === "POST" ? { method, headers: { "content-type": "application/json" }, body } : {},
        );
        const [out] = await res.json();
        if (out.error) throw new Error(JSON.stringify(out.error));
        return out.result.data.json;
      }
      const created = await call(
        "editor.createPipeline",
        { name: { zh: "三百节点", en: "Three hundred nodes" }, template: "blank" },
        "POST",
      );
      const version = await call("editor.version", { versionId: created.versionId }, "GET");
      await call("editor.saveDraft", { versionId: created.versionId, expectedRevision: version.revision, definition }, "POST");
      return created.pipelineId;
    })(${JSON.stringify(longPipeline(298))})`)) as string;

    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await page.goto(`${base}/pipelines/${pipelineId}/edit`);
      await page.locator("[data-testid=editor-canvas][data-ready=true]").waitFor({ timeout: 60_000 });
      if (i > 0) times.push(performance.now() - t0); // the first visit warms the server's caches
    }
    print("editor_open_300_nodes_ms", median(times), "ms");
  } finally {
    await browser.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 3000));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
