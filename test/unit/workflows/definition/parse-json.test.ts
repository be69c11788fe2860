import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import {
  checkDefinition,
  parseDefinitionJson,
  type DefinitionError,
} from "@/workflows/definition/parse-json";
import { blankProcess } from "@/workflows/templates/blank";
import { defaultProcess } from "@/workflows/templates/default-process";

const zh = translator("zh-CN");
const en = translator("en");
const say = (t: typeof zh, e: DefinitionError) => t(`definitionErrors.${e.key}` as never, e.values as never);

/** The default process as JSON, changed by `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the definition on purpose
type Loose = any;
function edited(edit: (d: Loose) => void) {
  const d: Loose = structuredClone(defaultProcess);
  edit(d);
  return JSON.stringify(d, null, 2);
}

function errorsOf(text: string) {
  const result = parseDefinitionJson(text);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("parseDefinitionJson", () => {
  it("should read an exported definition back unchanged", () => {
    const result = parseDefinitionJson(JSON.stringify(defaultProcess));
    expect(result).toEqual({ ok: true, definition: defaultProcess });
  });

  it("should point at the line and column of a JSON syntax error", () => {
    const text = '{\n  "schemaVersion": 1,\n  "name": { "zh": "流程" "en": "P" }\n}';
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ key: "invalidJson", values: { line: 3 } });
    expect(error!.values!.column).toBeGreaterThan(10);
    expect(say(en, error!)).toMatch(/near line 3, column \d+/);
    expect(say(zh, error!)).toMatch(/第 3 行第 \d+ 列/);
  });

  it("should say where a file that stops half-way ends", () => {
    const [error] = errorsOf('{\n  "schemaVersion": 1,\n  "nodes": [');
    expect(error).toMatchObject({ key: "invalidJson", values: { line: 3 } });
  });

  it("should refuse an array or a string, and a definition of another format version", () => {
    expect(errorsOf("[1, 2]")).toEqual([{ path: "", key: "notAnObject" }]);
    expect(errorsOf('"hello"')).toEqual([{ path: "", key: "notAnObject" }]);
    const [wrong] = errorsOf(edited((d) => (d.schemaVersion = 2)));
    expect(wrong).toMatchObject({ key: "wrongSchemaVersion", values: { found: 2 } });
    expect(say(en, wrong!)).toContain("“2”");
    expect(errorsOf("{}")[0]).toMatchObject({ key: "wrongSchemaVersion", values: { found: "—" } });
  });

  it("should name the node and the part that is missing, in both languages", () => {
    const errors = errorsOf(edited((d) => (d.nodes[2].data.name.en = "")));
    expect(errors).toEqual([
      {
        path: "nodes[2].data.name.en",
        key: "missing",
        values: { subject: "node", id: "nurture", part: "nameEn" },
      },
    ]);
    expect(say(zh, errors[0]!)).toBe("节点 nurture 缺少英文名称。");
    expect(say(en, errors[0]!)).toBe("Node nurture: the English name is missing.");
  });

  it("should report every problem at once, each where it is", () => {
    const errors = errorsOf(
      edited((d) => {
        d.fields[0].key = "Bad Key";
        d.nodes[0].data.kind = "milestone";
        d.nodes[3].data.probability = 150;
        d.edges[0].condition = { field: "amount", op: "roughly", value: 3 };
        delete d.edges[1].target;
      }),
    );
    const byKey = Object.fromEntries(errors.map((e) => [e.key, e]));
    expect(byKey.invalidKey).toMatchObject({
      path: "fields[0].key",
      values: { subject: "field", part: "key", value: "Bad Key" },
    });
    expect(say(en, byKey.invalidKey!)).toContain("Field Bad Key: the key “Bad Key” is not a valid key.");
    expect(byKey.invalidValue).toMatchObject({
      path: "nodes[0].data.kind",
      values: { subject: "node", id: "lead", part: "kind", value: "milestone" },
    });
    expect(byKey.outOfRange).toMatchObject({ values: { id: "analysis", part: "probability", max: 100 } });
    expect(say(zh, byKey.outOfRange!)).toBe("节点 analysis 的赢单概率超出允许范围。");
    expect(byKey.invalidCondition).toMatchObject({ path: "edges[0].condition", values: { subject: "edge" } });
    expect(byKey.missing).toMatchObject({ path: "edges[1].target", values: { part: "target" } });
    expect(say(en, byKey.missing!)).toBe("Connection lead-disqualify-lost: the end is missing.");
    expect(errors).toHaveLength(5);
  });

  it("should say what type a value should have", () => {
    const [error] = errorsOf(edited((d) => (d.nodes[1].data.probability = "high")));
    expect(error).toMatchObject({ key: "wrongType", values: { part: "probability", expected: "number" } });
    expect(say(en, error!)).toBe("Node contact: the win probability should be a number.");
    expect(say(zh, error!)).toBe("节点 contact 的赢单概率应为数字。");
  });

  it("should find duplicate ids and connections to nodes that do not exist", () => {
    const errors = errorsOf(
      edited((d) => {
        d.nodes.push({ ...d.nodes[0] });
        d.edges[0].target = "ghost";
        d.initialNodeId = "nowhere";
      }),
    );
    expect(errors.map((e) => e.key).sort()).toEqual(["duplicateId", "unknownNode", "unknownNode"]);
    const ghost = errors.find((e) => e.values?.node === "ghost")!;
    expect(say(zh, ghost)).toBe("连线 lead-startContact-contact 的终点指向不存在的节点「ghost」。");
    const dup = errors.find((e) => e.key === "duplicateId")!;
    expect(say(en, dup)).toBe("Node lead appears more than once; each id may be used only once.");
  });

  it("should render every key it emits in both languages without leftovers", () => {
    const samples = [
      ...errorsOf("{"),
      ...errorsOf("[]"),
      ...errorsOf('{"schemaVersion": 3}'),
      ...errorsOf('{"schemaVersion": 1}'),
      ...errorsOf(edited((d) => (d.scoring.criteria[0].label = { zh: "", en: "x" }))),
    ];
    for (const e of samples)
      for (const t of [zh, en]) {
        const text = say(t, e);
        expect(text).not.toMatch(/[{}]|definitionErrors/);
        expect(text.length).toBeGreaterThan(5);
      }
    expect(say(zh, errorsOf('{"schemaVersion": 1}')[0]!)).toBe("流程定义缺少名称。");
  });
});

describe("checkDefinition", () => {
  it("should let a half-connected draft through (the compiler reports that) unless references are asked for", () => {
    const draft = { ...blankProcess, edges: [{ id: "e", source: "start", target: "gone", effects: [] }] };
    expect(checkDefinition(draft).ok).toBe(true);
    expect(checkDefinition(draft, { references: true }).ok).toBe(false);
  });
});
