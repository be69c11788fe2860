import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPARISON_OPS, type Condition, type FieldDef } from "@/workflows/definition/schema";
import {
  checkCondition,
  evaluateCondition,
  explain,
  scoreDeal,
  unmetCriteria,
  type DealValues,
} from "@/workflows/rules";
import { ctx, cyclicRules, defaultScoring, fields, NOW, rules } from "./fixtures";

/* Properties over random condition trees on the real fields of the default process. */

const DAY = 86_400_000;
const options = fields.flatMap((f) => (f.options ?? []).map((o) => o.value));

const dateArb = fc
  .integer({ min: -400, max: 400 })
  .chain((offset) =>
    fc.constantFrom(
      new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10),
      new Date(NOW.getTime() + offset * DAY).toISOString(),
    ),
  );

const scalarArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1_000_000, max: 2_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(...options),
  dateArb,
);

const comparisonArb: fc.Arbitrary<Condition> = fc.record({
  field: fc.constantFrom(...fields.map((f) => f.key), "ghost", "constructor", "__proto__"),
  op: fc.constantFrom(...COMPARISON_OPS),
  value: fc.option(fc.oneof(scalarArb, fc.array(scalarArb, { maxLength: 3 })), { nil: undefined }),
});

const ruleRefArb: fc.Arbitrary<Condition> = fc.record({
  rule: fc.constantFrom("bant", "ghost", ...cyclicRules.map((r) => r.key)),
});

const { condition: conditionArb } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    comparisonArb,
    ruleRefArb,
    fc.record({ all: fc.array(tie("condition"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("condition"), { maxLength: 3 }) }),
    fc.record({ not: tie("condition") }),
  ),
}));

/** A plausible value for each field type, or a value of some other type. */
function valueArb(field: FieldDef): fc.Arbitrary<DealValues[string]> {
  const own = (field.options ?? []).map((o) => o.value);
  const typed: Record<FieldDef["type"], fc.Arbitrary<DealValues[string]>> = {
    text: fc.string({ maxLength: 12 }),
    longText: fc.string({ maxLength: 60 }),
    user: fc.string({ maxLength: 8 }),
    number: fc.oneof(fc.integer({ min: -10, max: 120 }), fc.double()),
    currency: fc.integer({ min: 0, max: 3_000_000 }),
    date: dateArb,
    boolean: fc.boolean(),
    select: own.length > 0 ? fc.constantFrom(...own) : fc.string(),
    multiSelect: fc.subarray(own),
  };
  return fc.option(fc.oneof(typed[field.type], scalarArb), { nil: null });
}

const valuesArb: fc.Arbitrary<DealValues> = fc.record(
  Object.fromEntries(fields.map((f) => [f.key, valueArb(f)])),
  { requiredKeys: [] },
);

/** Anything at all, including objects without a prototype or with a `toString` that is not a function. */
const junk = fc.anything({
  key: fc.constantFrom("toString", "valueOf", "length", "0", "x"),
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withSparseArray: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
});

const junkValuesArb = fc.record(Object.fromEntries(fields.map((f) => [f.key, junk])), {
  requiredKeys: [],
}) as fc.Arbitrary<DealValues>;

const checkContext = { fields, rules: [...rules, ...cyclicRules] };

describe("rules on random conditions over the real fields", () => {
  it("should evaluate without throwing, and the same way every time", () => {
    fc.assert(
      fc.property(conditionArb, valuesArb, (condition, values) => {
        const first = evaluateCondition(condition, ctx(values));
        expect(evaluateCondition(condition, ctx(values))).toEqual(first);
        expect(first.pass).toBe(first.node.pass);
      }),
    );
  });

  it("should invert the outcome under not, and obey De Morgan", () => {
    fc.assert(
      fc.property(conditionArb, conditionArb, valuesArb, (a, b, values) => {
        const pass = (c: Condition) => evaluateCondition(c, ctx(values)).pass;
        expect(pass({ not: a })).toBe(!pass(a));
        expect(pass({ not: { all: [a, b] } })).toBe(pass({ any: [{ not: a }, { not: b }] }));
      }),
    );
  });

  it("should always explain in at least one line, headed by the outcome", () => {
    fc.assert(
      fc.property(
        conditionArb,
        valuesArb,
        fc.constantFrom("zh-CN", "en" as const),
        (condition, values, locale) => {
          const outcome = evaluateCondition(condition, ctx(values));
          const explanation = explain(outcome.node, { fields, locale });
          expect(explanation.lines.length).toBeGreaterThanOrEqual(1);
          expect(explanation.lines[0]?.pass).toBe(outcome.pass);
          expect(explanation.lines.every((l) => l.text.length > 0)).toBe(true);
        },
      ),
    );
  });

  it("should give a reason exactly when a condition refuses the deal", () => {
    fc.assert(
      fc.property(conditionArb, valuesArb, (condition, values) => {
        const outcome = evaluateCondition(condition, ctx(values));
        expect(unmetCriteria(outcome.node, { fields, locale: "en" }).length > 0).toBe(!outcome.pass);
      }),
    );
  });

  it("should check any condition without throwing", () => {
    fc.assert(
      fc.property(conditionArb, fc.string(), (condition, path) => {
        expect(Array.isArray(checkCondition(condition, checkContext, path))).toBe(true);
      }),
    );
  });

  it("should fail every comparison on a field the checker reports unknown", () => {
    fc.assert(
      fc.property(comparisonArb, valuesArb, (condition, values) => {
        const issues = checkCondition(condition, checkContext);
        if (issues.some((i) => i.code === "unknownField")) {
          expect(evaluateCondition(condition, ctx(values)).pass).toBe(false);
        }
      }),
    );
  });
});

describe("rules on junk values", () => {
  it("should never throw, whatever a field holds", () => {
    fc.assert(
      fc.property(conditionArb, junkValuesArb, (condition, values) => {
        const outcome = evaluateCondition(condition, ctx(values));
        for (const locale of ["zh-CN", "en"] as const) {
          explain(outcome.node, { fields, locale });
          unmetCriteria(outcome.node, { fields, locale });
        }
        const { score, priority } = scoreDeal(defaultScoring(), ctx(values));
        expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
        expect(["A", "B", "C", "D"]).toContain(priority);
      }),
    );
  });

  it("should score every realistic deal as an integer 0–100 with the priority its thresholds give", () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const { score, priority, criteria } = scoreDeal(defaultScoring(), ctx(values));
        const earned = criteria.reduce((sum, c) => sum + c.earned, 0);
        expect(score).toBe(Math.min(100, earned));
        expect(priority).toBe(score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : "D");
      }),
    );
  });
});
