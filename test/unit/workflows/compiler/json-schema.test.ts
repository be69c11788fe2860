import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineDefinitionJsonSchema } from "@/workflows/compiler";

const FILE = path.resolve(import.meta.dirname, "../../../../docs/pipeline-definition.schema.json");

describe("the published JSON Schema of the definition format", () => {
  it("should match the schema generated from the zod definition (regenerate docs/pipeline-definition.schema.json if not)", () => {
    // To regenerate: npx tsx -e 'import("@/workflows/compiler").then(({ pipelineDefinitionJsonSchema: s }) =>
    //   require("node:fs").writeFileSync("docs/pipeline-definition.schema.json", JSON.stringify(s(), null, 2) + "\n"))'
    const committed: unknown = JSON.parse(readFileSync(FILE, "utf8"));
    expect(committed).toEqual(pipelineDefinitionJsonSchema());
  });

  it("should describe the recursive condition once, by reference", () => {
    const schema = pipelineDefinitionJsonSchema() as { $defs?: Record<string, unknown> };
    expect(Object.keys(schema.$defs ?? {})).toEqual(["Condition"]);
  });
});
