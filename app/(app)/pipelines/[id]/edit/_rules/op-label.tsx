"use client";

import { useTranslations } from "next-intl";
import type { ComparisonOp, FieldDef } from "@/workflows/definition/schema";

/** The catalogue key naming an operator for a field: dates read "before"/"after", not "<"/">". */
export function opLabelKey(field: FieldDef, op: ComparisonOp): string {
  if (field.type === "date" && (op === "lt" || op === "gt")) return op === "lt" ? "before" : "after";
  if (field.type === "multiSelect" && op === "eq") return "exactly";
  if (field.type === "multiSelect" && op === "in") return "anyOf";
  return op;
}

/** An operator's name in the picker, in the reader's language. */
export function OpLabel({ field, op }: { field: FieldDef; op: ComparisonOp }) {
  const t = useTranslations("ruleBuilder.ops");
  return <>{t(opLabelKey(field, op))}</>;
}
