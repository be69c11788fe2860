import { describe, expect, it } from "vitest";
import {
  allowedActions,
  decide,
  isImmutable,
  LIFECYCLE_ACTIONS,
  runsNewDeals,
  supersededBy,
  VERSION_STATUSES,
} from "@/workflows/versions/lifecycle";

describe("version lifecycle", () => {
  it("should let a clean draft be piloted, published, edited and discarded", () => {
    expect(decide({ status: "draft" }, "pilot")).toEqual({ ok: true, to: "pilot" });
    expect(decide({ status: "draft" }, "publish")).toEqual({ ok: true, to: "published" });
    expect(decide({ status: "draft" }, "edit")).toEqual({ ok: true, to: "draft" });
    expect(decide({ status: "draft", dealCount: 0 }, "discard")).toEqual({ ok: true, to: "draft" });
  });

  it("should refuse to pilot or publish a version with compiler errors", () => {
    expect(decide({ status: "draft", hasErrors: true }, "pilot")).toEqual({ ok: false, reason: "hasErrors" });
    expect(decide({ status: "draft", hasErrors: true }, "publish")).toEqual({
      ok: false,
      reason: "hasErrors",
    });
    expect(decide({ status: "pilot", hasErrors: true }, "promote")).toEqual({
      ok: false,
      reason: "hasErrors",
    });
    // Saving a half-drawn draft is fine: errors block only what puts a version before deals.
    expect(decide({ status: "draft", hasErrors: true }, "edit")).toEqual({ ok: true, to: "draft" });
  });

  it("should keep piloted, published and retired versions immutable", () => {
    expect(decide({ status: "pilot" }, "edit")).toEqual({ ok: false, reason: "immutable" });
    expect(decide({ status: "published" }, "edit")).toEqual({ ok: false, reason: "immutable" });
    expect(decide({ status: "retired" }, "edit")).toEqual({ ok: false, reason: "retiredFinal" });
    expect(decide({ status: "pilot" }, "discard")).toEqual({ ok: false, reason: "immutable" });
    for (const status of VERSION_STATUSES) expect(isImmutable(status)).toBe(status !== "draft");
  });

  it("should let a pilot version be piloted again, promoted or retired, but not published as a draft", () => {
    expect(decide({ status: "pilot" }, "pilot")).toEqual({ ok: true, to: "pilot" });
    expect(decide({ status: "pilot" }, "endPilot")).toEqual({ ok: true, to: "pilot" });
    expect(decide({ status: "pilot" }, "promote")).toEqual({ ok: true, to: "published" });
    expect(decide({ status: "pilot" }, "retire")).toEqual({ ok: true, to: "retired" });
    expect(decide({ status: "pilot" }, "publish")).toEqual({ ok: false, reason: "notDraft" });
  });

  it("should only promote pilots", () => {
    expect(decide({ status: "draft" }, "promote")).toEqual({ ok: false, reason: "notPilot" });
    expect(decide({ status: "published" }, "promote")).toEqual({ ok: false, reason: "notPilot" });
    expect(decide({ status: "draft" }, "endPilot")).toEqual({ ok: false, reason: "notPilot" });
  });

  it("should never retire the published version on its own (new deals need somewhere to start)", () => {
    expect(decide({ status: "published" }, "retire")).toEqual({ ok: false, reason: "publishedStays" });
  });

  it("should refuse everything on a retired version", () => {
    for (const action of LIFECYCLE_ACTIONS)
      expect(decide({ status: "retired" }, action)).toEqual({ ok: false, reason: "retiredFinal" });
    expect(allowedActions({ status: "retired" })).toEqual([]);
  });

  it("should not discard a draft that deals run on", () => {
    expect(decide({ status: "draft", dealCount: 2 }, "discard")).toEqual({ ok: false, reason: "hasDeals" });
  });

  it("should list what the versions page may offer for each status", () => {
    expect(allowedActions({ status: "draft" })).toEqual(["edit", "discard", "pilot", "publish"]);
    expect(allowedActions({ status: "draft", hasErrors: true })).toEqual(["edit", "discard"]);
    expect(allowedActions({ status: "pilot" })).toEqual(["pilot", "promote", "retire", "endPilot"]);
    expect(allowedActions({ status: "published" })).toEqual([]);
  });

  it("should start new deals only on pilot and published versions", () => {
    expect(VERSION_STATUSES.filter(runsNewDeals)).toEqual(["pilot", "published"]);
  });

  it("should retire exactly the previously published version when another is published", () => {
    const versions = [
      { id: "v1", status: "retired" as const },
      { id: "v2", status: "published" as const },
      { id: "v3", status: "pilot" as const },
      { id: "v4", status: "draft" as const },
    ];
    expect(supersededBy(versions, "v3")).toEqual(["v2"]);
    expect(supersededBy(versions, "v2")).toEqual([]);
  });
});
