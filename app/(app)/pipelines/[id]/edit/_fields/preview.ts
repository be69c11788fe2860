import type { FieldDef, LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";

/*
 * What a rep is asked for, derived from the definition: to leave a stage forwards (its required
 * fields, then what each action out of it needs on top), and to create a deal.
 */

export type StageForm = {
  required: FieldDef[];
  checklist: LocalizedText[];
  actions: { name: LocalizedText; fields: FieldDef[] }[];
};

const pick = (fields: FieldDef[], keys: readonly string[] | undefined) =>
  (keys ?? []).map((k) => fields.find((f) => f.key === k)).filter((f): f is FieldDef => Boolean(f));

/** The open stages a deal can sit in, in the definition's order. */
export const openStages = (definition: Pick<PipelineDefinition, "nodes">) =>
  definition.nodes.filter((n) => n.data.kind === "stage" && n.data.outcome === "open");

/** The form to leave a stage: its required fields and checklist, and each action's extra fields. */
export function stageForm(definition: PipelineDefinition, nodeId: string): StageForm {
  const node = definition.nodes.find((n) => n.id === nodeId);
  if (!node || node.data.kind !== "stage") return { required: [], checklist: [], actions: [] };
  const required = pick(definition.fields, node.data.requiredFields);
  const have = new Set(required.map((f) => f.key));
  const actions = definition.edges
    .filter((e) => e.source === nodeId && e.action)
    .map((e) => ({
      name: e.action!.name,
      fields: pick(definition.fields, e.requiredFields).filter((f) => !have.has(f.key)),
    }))
    .filter((a) => a.fields.length > 0);
  return { required, checklist: node.data.exitChecklist.map((c) => c.label), actions };
}
