import { stageCount, TEMPLATES } from "@/workflows/templates";

/** The templates a new pipeline can start from, without their definitions (the picker needs names only). */
export function listTemplates() {
  return TEMPLATES.map((t) => ({
    key: t.key,
    name: t.name,
    description: t.description,
    stages: stageCount(t.definition),
  }));
}
