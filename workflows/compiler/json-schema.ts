import { z } from "zod";
import { Condition, PipelineDefinition } from "@/workflows/definition/schema";

/**
 * The JSON Schema (draft 2020-12) of what an integrator may submit as a pipeline definition:
 * the schema's input side, so fields with defaults are optional. The recursive condition tree
 * is one named definition, `#/$defs/Condition`. Kept in docs/pipeline-definition.schema.json;
 * a unit test fails when the two drift apart.
 */
export function pipelineDefinitionJsonSchema(): Record<string, unknown> {
  // A registry of our own names the recursive schema without touching zod's global one.
  const names = z.registry<{ id: string }>();
  names.add(Condition, { id: "Condition" });
  return z.toJSONSchema(PipelineDefinition, { io: "input", metadata: names }) as Record<string, unknown>;
}
