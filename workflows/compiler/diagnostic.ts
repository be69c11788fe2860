import type { LocalizedText } from "@/workflows/definition/schema";
import type { Diagnostic, DiagnosticCode } from "@/workflows/machine/format";

/** Where a diagnostic points in the definition. */
export type Where = { nodeId?: string; edgeId?: string };

const make = (
  severity: Diagnostic["severity"],
  code: DiagnosticCode,
  message: LocalizedText,
  where: Where,
): Diagnostic => ({
  code,
  severity,
  ...(where.nodeId !== undefined && { nodeId: where.nodeId }),
  ...(where.edgeId !== undefined && { edgeId: where.edgeId }),
  message,
});

/** A problem that blocks publishing. */
export const error = (code: DiagnosticCode, message: LocalizedText, where: Where = {}): Diagnostic =>
  make("error", code, message, where);

/** Something worth a look that does not block publishing. */
export const warning = (code: DiagnosticCode, message: LocalizedText, where: Where = {}): Diagnostic =>
  make("warning", code, message, where);

/** Builds a message in both languages. */
export const text = (zh: string, en: string): LocalizedText => ({ zh, en });

const SEVERITY_ORDER: Record<Diagnostic["severity"], number> = { error: 0, warning: 1 };
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders diagnostics by severity (errors first), code, node id, edge id, then message, with a
 * locale-independent comparison so the browser and the server list them the same way.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.nodeId ?? "", b.nodeId ?? "") ||
      compareStrings(a.edgeId ?? "", b.edgeId ?? "") ||
      compareStrings(a.message.en, b.message.en) ||
      compareStrings(a.message.zh, b.message.zh),
  );
}
