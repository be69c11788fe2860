/**
 * `--import ./test/bench/server-only.ts`: benches and CLIs outside Next.js load server modules,
 * whose `import "server-only"` would throw there; resolve it to an empty module, as the tests'
 * vitest alias does (test/vitest.config.ts).
 */
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
      return next(specifier, context);
    }`)}`,
);
