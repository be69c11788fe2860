import type { CompileResult } from "@/workflows/machine/format";

/**
 * The compiler: pipeline definition → XState machine config + diagnostics + content hash.
 * Runs unchanged in the browser (live diagnostics in the editor) and on the server (publish).
 */
export { compile, diagnose } from "./compile";
export { checkImplementations } from "./diagnostics";
export { canonicalJson } from "./canonical-json";
export { pipelineDefinitionJsonSchema } from "./json-schema";

/** Does the result have an error (which blocks publishing)? Warnings don't count. */
export const hasErrors = (result: Pick<CompileResult, "diagnostics">): boolean =>
  result.diagnostics.some((d) => d.severity === "error");
