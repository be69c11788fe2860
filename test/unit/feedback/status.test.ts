import { describe, expect, it } from "vitest";
import { FEEDBACK_STATUSES, isUnresolved, transitionRefusal } from "@/lib/feedback/status";

describe("feedback status workflow", () => {
  it("should allow open → accepted / declined → shipped and reopening, and nothing else", () => {
    const allowed = FEEDBACK_STATUSES.flatMap((from) =>
      FEEDBACK_STATUSES.filter((to) => transitionRefusal(from, to) === null).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "open→accepted",
        "open→declined",
        "accepted→shipped",
        "accepted→declined",
        "accepted→open",
        "declined→open",
        "shipped→open",
      ].sort(),
    );
  });

  it("should say why a step is refused, by where it was meant to go", () => {
    expect(transitionRefusal("open", "shipped")).toBe("feedback.shipOnlyAccepted");
    expect(transitionRefusal("declined", "shipped")).toBe("feedback.shipOnlyAccepted");
    expect(transitionRefusal("declined", "accepted")).toBe("feedback.acceptOnlyOpen");
    expect(transitionRefusal("shipped", "declined")).toBe("feedback.declineNotNow");
    expect(transitionRefusal("open", "open")).toBe("feedback.alreadyOpen");
  });

  it("should count open and accepted feedback as not yet resolved", () => {
    expect(FEEDBACK_STATUSES.filter(isUnresolved)).toEqual(["open", "accepted"]);
  });
});
