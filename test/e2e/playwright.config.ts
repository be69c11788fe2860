import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;
/** A fresh embedded database per run, seeded with the demo company on start. */
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `pw-e2e-${Date.now()}`);

export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results/e2e"),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        // `npm start` serves the production build (run `npm run build` first).
        command: "npx tsx lib/cli/serve.ts start",
        cwd: root,
        url: `${baseURL}/signin`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: "pipe",
        env: {
          PORT: String(port),
          PW_DATA_DIR: dataDir,
          PW_DB_PORT: String(56000 + (process.pid % 4000)),
          NEXTAUTH_URL: baseURL,
          NEXT_TELEMETRY_DISABLED: "1",
          // The webhook test's receiver listens on 127.0.0.1.
          PW_WEBHOOK_ALLOW_PRIVATE: "true",
        },
      },
});
