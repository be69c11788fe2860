/**
 * `npm run pipeline -- check FILE.json` prints the diagnostics (exit 1 on errors);
 * `npm run pipeline -- compile FILE.json` prints the compiled machine as JSON.
 * For companies that keep their process definitions in git.
 */
import { readFileSync } from "node:fs";
import { compile } from "@/workflows/compiler";

const [command, file] = process.argv.slice(2);
const lang = (process.env.LANG ?? "").startsWith("zh") ? "zh" : "en";

if ((command !== "check" && command !== "compile") || !file) {
  console.error("usage: npm run pipeline -- check|compile FILE.json");
  process.exit(2);
}

let input: unknown;
try {
  input = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

const result = compile(input);
const errors = result.diagnostics.filter((d) => d.severity === "error");
for (const d of result.diagnostics) {
  const where = [d.nodeId && `node ${d.nodeId}`, d.edgeId && `edge ${d.edgeId}`].filter(Boolean).join(", ");
  console.error(`${d.severity} ${d.code}${where ? ` (${where})` : ""}: ${d.message[lang]}`);
}
if (command === "compile" && result.machine && errors.length === 0) {
  console.log(JSON.stringify({ machine: result.machine, delays: result.delays, hash: result.hash }, null, 2));
} else if (command === "check") {
  console.error(
    `${errors.length} errors, ${result.diagnostics.length - errors.length} warnings · hash ${result.hash}`,
  );
}
process.exit(errors.length > 0 ? 1 : 0);
