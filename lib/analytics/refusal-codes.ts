import type { Refusal } from "@/workflows/runtime";

/**
 * The code a refusal reason is counted under (docs/analytics.md, Adoption): the field, checklist
 * item or condition (by its edge) it names, else its kind. One refused attempt has one code per
 * reason (an action refused for two empty fields counts under both fields).
 */
const CODE: { [K in Refusal["kind"]]: (r: Extract<Refusal, { kind: K }>) => string } = {
  missingField: (r) => `field:${r.field}`,
  checklist: (r) => `checklist:${r.item}`,
  condition: (r) => `condition:${r.edgeId}`,
  notApprover: () => "notApprover",
  closed: () => "closed",
  unknownAction: () => "unknownAction",
};

export function refusalCode(reason: Refusal): string {
  return (CODE[reason.kind] as (r: Refusal) => string)(reason);
}

export type RefusalCodeKind =
  "field" | "checklist" | "condition" | "notApprover" | "closed" | "unknownAction";

/** A code taken apart: its kind and what it names (a field key, item id or edge id). */
export function parseRefusalCode(code: string): { kind: RefusalCodeKind; ref: string | null } {
  const i = code.indexOf(":");
  const head = i < 0 ? code : code.slice(0, i);
  const ref = i < 0 ? null : code.slice(i + 1);
  const kinds: readonly string[] = [
    "field",
    "checklist",
    "condition",
    "notApprover",
    "closed",
    "unknownAction",
  ];
  return { kind: (kinds.includes(head) ? head : "unknownAction") as RefusalCodeKind, ref };
}
