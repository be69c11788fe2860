import type { CompileResult, Diagnostic } from "@/workflows/machine/format";
import { createContext } from "./context";
import { sortDiagnostics } from "./diagnostic";
import { BLOCKING_CHECKS, checkImplementations, DEFINITION_CHECKS } from "./diagnostics";
import { findStart } from "./find-start";
import { machineHash } from "./hash";
import { buildMachine } from "./machine/build-machine";
import { parseDefinition } from "./parse-definition";

type Compiled = Omit<CompileResult, "hash">;

const result = (
  machine: CompileResult["machine"],
  delays: Record<string, number>,
  diagnostics: readonly Diagnostic[],
): Compiled => ({ machine, delays, diagnostics: sortDiagnostics(diagnostics) });

/**
 * Compiles a pipeline definition (any JSON; it is validated first) into an XState machine
 * config, the named delays it uses, diagnostics for the admin, and a content hash.
 *
 * Pure and deterministic: the same definition always gives byte-identical output, in the
 * browser and on the server. Errors block publishing, warnings don't. The machine is null when
 * the definition does not parse, has no start, duplicate keys, edges to missing nodes or a loop
 * of decisions (which would spin forever); otherwise it is emitted even with errors, so the editor can show what it would do.
 */
export function compile(input: unknown): CompileResult {
  const compiled = build(input);
  return { ...compiled, hash: machineHash(compiled.machine, compiled.delays) };
}

/**
 * The diagnostics alone, exactly as `compile` finds them, without hashing the machine (the
 * hash is over half of a compile's time, and only publishing needs it). The editor runs this
 * on every change.
 */
export function diagnose(input: unknown): CompileResult["diagnostics"] {
  return build(input).diagnostics;
}

function build(input: unknown): Compiled {
  const parsed = parseDefinition(input);
  if (!parsed.ok) return result(null, {}, parsed.diagnostics);

  const base = createContext(parsed.definition);
  const { start, diagnostics: startDiagnostics } = findStart(base);
  const ctx = { ...base, start };
  const blocking = BLOCKING_CHECKS.flatMap((check) => check(ctx));
  const diagnostics = [...startDiagnostics, ...blocking, ...DEFINITION_CHECKS.flatMap((check) => check(ctx))];
  if (!start || blocking.length > 0) return result(null, {}, diagnostics);

  const { machine, delays } = buildMachine(ctx, start);
  const nodeIds = new Set(ctx.nodesById.keys());
  const broken = checkImplementations(machine, delays, nodeIds);
  if (broken.length > 0) return result(null, {}, [...diagnostics, ...broken]);
  return result(machine, delays, diagnostics);
}
