import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultProcess } from "@/workflows/templates/default-process";

const root = path.resolve(import.meta.dirname, "../../..");
const EXAMPLE = path.join(root, "docs/examples/default-process.json");

function pipeline(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "lib/cli/pipeline.ts", ...args],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, LANG: "en_US.UTF-8" },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run pipeline", () => {
  it("should keep the example in docs/ equal to the default process", () => {
    expect(JSON.parse(readFileSync(EXAMPLE, "utf8"))).toEqual(JSON.parse(JSON.stringify(defaultProcess)));
  });

  it("should check the default process clean and print the compiled machine", () => {
    const check = pipeline("check", EXAMPLE);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/0 errors, 0 warnings · hash [0-9a-f]{64}/);
    const compiled = pipeline("compile", EXAMPLE);
    expect(compiled.code).toBe(0);
    const out = JSON.parse(compiled.stdout) as {
      machine: { initial: string };
      delays: Record<string, number>;
    };
    expect(out.machine.initial).toBe("lead");
    expect(out.delays.timeLimit_lead).toBe(3 * 86_400_000);
  }, 30_000);

  it("should exit 1 and name the problem when the definition has errors", () => {
    const broken = JSON.parse(JSON.stringify(defaultProcess));
    broken.edges = broken.edges.filter(
      (e: { target: string }) => e.target !== "won" && e.target !== "bigDealApproval",
    );
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "pw-cli-")), "broken.json");
    writeFileSync(file, JSON.stringify(broken));
    const check = pipeline("check", file);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^error unreachable \(node won\)/m);
    expect(pipeline("compile", file).stdout).toBe("");
  }, 30_000);

  it("should refuse a file that is not JSON, and a missing command", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "pw-cli-")), "bad.json");
    writeFileSync(file, "{ not json");
    expect(pipeline("check", file).code).toBe(2);
    expect(pipeline().code).toBe(2);
  }, 30_000);
});
