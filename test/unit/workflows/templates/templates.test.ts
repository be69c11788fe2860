import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import { TEMPLATE_KEYS, TEMPLATES, stageCount, templateByKey } from "@/workflows/templates";
import { defaultProcess } from "@/workflows/templates/default-process";

/** Every LocalizedText anywhere in a definition, with where it is. */
function texts(value: unknown, path = ""): { path: string; text: LocalizedText }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    if (keys.join() === "en,zh") return [{ path, text: o as LocalizedText }];
    return Object.entries(o).flatMap(([k, v]) => texts(v, `${path}.${k}`));
  }
  return [];
}

const stagesOf = (d: PipelineDefinition) => d.nodes.flatMap((n) => (n.data.kind === "stage" ? [n.data] : []));

describe("templates", () => {
  it("should offer BANT (the default process), tender, SaaS inbound and blank, in that order", () => {
    expect(TEMPLATES.map((t) => t.key)).toEqual([...TEMPLATE_KEYS]);
    expect(templateByKey("bant").definition).toBe(defaultProcess);
  });

  it.each(TEMPLATES.map((t) => [t.key, t] as const))(
    "%s should compile to a machine with no error and no warning",
    (_key, template) => {
      const result = compile(template.definition);
      expect(result.diagnostics).toEqual([]);
      expect(result.machine).not.toBeNull();
    },
  );

  it.each(TEMPLATES.map((t) => [t.key, t] as const))(
    "%s should name everything in Chinese and English",
    (_key, template) => {
      const all = [template.name, template.description, ...texts(template.definition).map((t) => t.text)];
      expect(all.length).toBeGreaterThan(5);
      for (const text of all) {
        expect(text.zh.trim()).not.toBe("");
        expect(text.en.trim()).not.toBe("");
        // The Chinese side is Chinese (or a product term like SaaS / BANT with Chinese around it, or a number range).
        expect(text.zh === text.en && !/^[\d–\s%≥A-Z]+$/.test(text.zh)).toBe(false);
      }
    },
  );

  it.each(TEMPLATES.map((t) => [t.key, t] as const))(
    "%s should lay its nodes out left to right, no two on one spot, starting at the left",
    (_key, template) => {
      const { nodes, initialNodeId } = template.definition;
      const spots = nodes.map((n) => `${n.position.x},${n.position.y}`);
      expect(new Set(spots).size).toBe(nodes.length);
      const start = nodes.find((n) => n.id === initialNodeId)!;
      expect(Math.min(...nodes.map((n) => n.position.x))).toBe(start.position.x);
      const won = nodes.find((n) => n.data.kind === "stage" && n.data.outcome === "won")!;
      expect(Math.max(...nodes.map((n) => n.position.x))).toBe(won.position.x);
    },
  );

  it("should have the tender stages the issue names, with the bid approved before it goes out", () => {
    const tender = templateByKey("tender").definition;
    expect(stagesOf(tender).map((s) => s.name.zh)).toEqual([
      "报名",
      "资格预审",
      "投标",
      "开标",
      "中标",
      "未中标",
    ]);
    const submit = tender.edges.find((e) => e.action?.key === "submitBid")!;
    expect(tender.nodes.find((n) => n.id === submit.target)?.data.kind).toBe("approval");
    expect(tender.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(["tenderNumber", "bidDeadline", "bidBond"]),
    );
    expect(
      stagesOf(tender)
        .filter((s) => s.outcome === "open")
        .every((s) => s.timeLimit),
    ).toBe(true);
  });

  it("should run SaaS inbound trial → activation → proposal → won/lost and score by activation", () => {
    const saas = templateByKey("saas").definition;
    expect(stagesOf(saas).map((s) => s.key)).toEqual(["trial", "activation", "proposal", "won", "lost"]);
    const scoredFields = JSON.stringify(saas.scoring?.criteria);
    expect(scoredFields).toContain("activeUsers");
  });

  it("should count stages for the picker, and the blank template has a start, won and lost", () => {
    expect(stageCount(templateByKey("blank").definition)).toBe(3);
    expect(stageCount(templateByKey("tender").definition)).toBe(6);
    expect(stageCount(templateByKey("saas").definition)).toBe(5);
  });
});
