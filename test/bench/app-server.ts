import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

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

export type AppServer = {
  /** e.g. http://localhost:39123 */
  base: string;
  /** The app's own embedded database (seeded with the demo company). */
  databaseUrl: string;
};

/**
 * Runs `fn` against the production build served the way the browser tests serve it: `npm start`
 * on its own embedded database seeded with the demo company. Without a build it prints a note
 * and returns null (the browser and HTTP benchmarks are skipped).
 */
export async function withAppServer<T>(
  env: Record<string, string>,
  fn: (server: AppServer) => Promise<T>,
): Promise<T | null> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("note: browser and HTTP benchmarks skipped: no production build (run `npm run build` first)");
    return null;
  }
  const port = 39000 + (process.pid % 1000);
  const dbPort = 55000 + (process.pid % 1000);
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pw-bench-app-"));
  chmodSync(dataDir, 0o777); // the embedded Postgres runs as its own user
  let server: ChildProcess | null = null;
  try {
    const logFd = openSync(path.join(dataDir, "server.log"), "a");
    const { DATABASE_URL: _shared, ...inherited } = process.env; // its own embedded database
    server = spawn("npx", ["tsx", "lib/cli/serve.ts", "start"], {
      cwd: root,
      stdio: ["ignore", logFd, logFd],
      detached: true,
      env: {
        ...inherited,
        ...env,
        PORT: String(port),
        PW_DATA_DIR: dataDir,
        PW_DB_PORT: String(dbPort),
        NEXTAUTH_URL: base,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    await waitFor(`${base}/signin`, 180_000).catch((e: unknown) => {
      console.error(readFileSync(path.join(dataDir, "server.log"), "utf8").slice(-2000));
      throw e;
    });
    return await fn({ base, databaseUrl: `postgres://postgres:pipewright@127.0.0.1:${dbPort}/pipewright` });
  } finally {
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
