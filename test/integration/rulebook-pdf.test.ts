import { beforeAll, describe, expect, it } from "vitest";
import {
  loadRulebook,
  type RulebookLang,
} from "@/app/(app)/pipelines/[id]/versions/[versionId]/rulebook/load";
import {
  rulebookFileName,
  rulebookPdf,
} from "@/app/(app)/pipelines/[id]/versions/[versionId]/rulebook/pdf-document";
import type { Role } from "@/lib/roles";
import { renderPdf } from "@/lib/server/pdf/render";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";
import { readPdf } from "../support/pdf-text";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
let draftId: string;
const as = (role: Role, company = c) => callerFor(t.db, company.users[role].id, company.id);

/** The stage names of the demo process, in the order the rulebook lists them. */
const stageNames = (lang: RulebookLang) =>
  defaultProcess.nodes.filter((n) => n.data.kind === "stage").map((n) => n.data.name[lang]);

async function pdfOf(versionId: string, lang: RulebookLang, role: Role = "trainer", company = c) {
  const loaded = await loadRulebook(as(role, company), { pipelineId: company.pipelineId, versionId, lang });
  const bytes = await renderPdf(rulebookPdf(loaded, new Date("2026-03-01T08:00:00Z")));
  return { loaded, bytes, pdf: readPdf(bytes) };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  c = await makeCompany(t.db, "Book");
  other = await makeCompany(t.db, "BookRival");
  // v2: a draft that renames the lead stage, for the changes section.
  const trainer = as("trainer");
  ({ versionId: draftId } = await trainer.editor.openDraft({ pipelineId: c.pipelineId }));
  const draft = await trainer.editor.version({ versionId: draftId });
  const definition = structuredClone(draft.definition) as PipelineDefinition;
  const lead = definition.nodes.find((n) => n.id === "lead")!;
  lead.data.name = { zh: "新线索", en: "New lead" };
  await trainer.editor.saveDraft({ versionId: draftId, expectedRevision: draft.revision, definition });
});

describe("rulebook PDF", () => {
  it("should write the demo process in Chinese with an embedded font, headers and page numbers", async () => {
    const { bytes, pdf } = await pdfOf(c.versionId, "zh");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The font travels inside the file (no system font needed), cut down to the glyphs used.
    expect(pdf.fonts.map((f) => f.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "NotoSansSC-Bold",
      "NotoSansSC-Regular",
    ]);
    expect(bytes.length).toBeLessThan(400_000);
    expect(pdf.pages.length).toBeGreaterThan(1);
    const text = pdf.pages.join("\n");
    expect(pdf.pages[0]).toContain("新客户 · 商机管理制度");
    expect(pdf.pages[0]).toMatch(/版本\s*v1/);
    expect(pdf.pages[0]).toContain("Book Co");
    for (const name of stageNames("zh")) expect(text).toContain(name);
    // Sections in order: stages, rules, approvals, decisions, fields, changes.
    const order = [
      "一、阶段",
      "二、商机判定与优先级规则",
      "三、审批节点",
      "四、自动判定",
      "五、商机字段",
      "六、与上一版本相比的变更",
    ];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain("这是该流程的第一个版本。");
    // Every page but the first has the running header; every page its number.
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(`第 ${i + 1} 页，共 ${pdf.pages.length} 页`);
      if (i > 0) expect(page).toMatch(/Book Co · 新客户[\s\S]*商机管理制度 v1 · 20\d\d年/);
    });
  });

  it("should write it in English, with what changed from the previous version", async () => {
    const { loaded, pdf } = await pdfOf(draftId, "en");
    const text = pdf.pages.join("\n");
    expect(pdf.pages[0]).toContain("New business — Opportunity management rules");
    expect(pdf.pages[0]).toMatch(/Version\s*v2/);
    expect(pdf.pages[0]).toMatch(/Status\s*Draft/);
    for (const name of ["New lead", ...stageNames("en").slice(1)]) expect(text).toContain(name);
    expect(text).toContain("Compared with v1");
    expect(text).toMatch(/Changed stage “New lead”: name/);
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pages.length} of ${pdf.pages.length}`);
    expect(rulebookFileName(loaded)).toBe("New business Opportunity management rules v2.pdf");
  });

  it("should be for admins and trainers only", async () => {
    expect((await pdfOf(c.versionId, "en", "admin")).pdf.pages.length).toBeGreaterThan(1);
    for (const role of ["manager", "rep"] as const)
      expect((await errorOf(pdfOf(c.versionId, "zh", role))).code).toBe("FORBIDDEN");
  });

  it("should never show another company's version", async () => {
    // Another company's trainer, by the version's id, whether or not they name the pipeline.
    const load = (pipelineId: string) =>
      loadRulebook(as("trainer", other), { pipelineId, versionId: c.versionId, lang: "zh" });
    expect((await errorOf(load(c.pipelineId))).code).toBe("NOT_FOUND");
    expect((await errorOf(load(other.pipelineId))).code).toBe("NOT_FOUND");
    // A version under another pipeline's address is not found either.
    const mixed = loadRulebook(as("trainer"), {
      pipelineId: other.pipelineId,
      versionId: c.versionId,
      lang: "zh",
    });
    expect((await errorOf(mixed)).code).toBe("NOT_FOUND");
  });
});
