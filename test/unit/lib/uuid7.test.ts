import { describe, expect, it } from "vitest";
import { z } from "zod";
import { uuidv7 } from "@/lib/server/db/uuid7";

describe("uuidv7", () => {
  it("should be a version-7 UUID that every id check of the app accepts", () => {
    const id = uuidv7(Date.UTC(2026, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it("should start with the time in milliseconds, so ids made later sort later", () => {
    const at = Date.UTC(2026, 10, 27, 8, 0, 0, 123);
    expect(uuidv7(at).replace(/-/g, "").slice(0, 12)).toBe(at.toString(16).padStart(12, "0"));
    const ids = Array.from({ length: 50 }, (_, i) => uuidv7(at + i));
    expect([...ids].sort()).toEqual(ids);
  });

  it("should differ within the same millisecond", () => {
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(0))).size).toBe(1000);
  });
});
