import { describe, expect, it } from "vitest";
import { parseDate } from "@/lib/import/dates";

const ok = (value: string | null) => ({ ok: true, value });

describe("parseDate", () => {
  it.each([
    ["2024-03-01", "2024-03-01"],
    ["2024-3-1", "2024-03-01"],
    ["2024/3/1", "2024-03-01"],
    ["2024/03/01", "2024-03-01"],
    ["2024.3.1", "2024-03-01"],
    ["2024年3月1日", "2024-03-01"],
    ["2024 年 3 月 1 日", "2024-03-01"],
    ["２０２４年３月１日", "2024-03-01"],
    ["2024-03-01 14:30", "2024-03-01"],
    ["2024-03-01T14:30:00Z", "2024-03-01"],
    ["20240301", "2024-03-01"],
    ["3/1/2024", "2024-03-01"],
    ["03/01/2024", "2024-03-01"],
    ["3/1/24", "2024-03-01"],
    ["Mar 1, 2024", "2024-03-01"],
    ["March 1 2024", "2024-03-01"],
    ["1 Mar 2024", "2024-03-01"],
    ["1-Mar-2024", "2024-03-01"],
  ])("should read %s as %s", (input, expected) => {
    expect(parseDate(input)).toEqual(ok(expected));
  });

  it("should read an Excel serial number, as a number cell or as text", () => {
    expect(parseDate(45352)).toEqual(ok("2024-03-01"));
    expect(parseDate("45352")).toEqual(ok("2024-03-01"));
    expect(parseDate(45352.75)).toEqual(ok("2024-03-01"));
    expect(parseDate(43831)).toEqual(ok("2020-01-01"));
  });

  it("should read a slashed date day first when the first part cannot be a month, or when asked", () => {
    expect(parseDate("25/3/2024")).toEqual(ok("2024-03-25"));
    expect(parseDate("1/3/2024", "dmy")).toEqual(ok("2024-03-01"));
    expect(parseDate("3/25/2024", "dmy")).toEqual(ok("2024-03-25"));
  });

  it("should leave an empty cell empty", () => {
    expect(parseDate("")).toEqual(ok(null));
    expect(parseDate("   ")).toEqual(ok(null));
    expect(parseDate(null)).toEqual(ok(null));
  });

  it("should refuse a date that does not exist instead of rolling it over", () => {
    expect(parseDate("2024-02-30")).toEqual({
      ok: false,
      error: { code: "dateNoSuchDay", values: { value: "2024-02-30" } },
    });
    expect(parseDate("2023-02-29").ok).toBe(false);
    expect(parseDate("2024-02-29")).toEqual(ok("2024-02-29"));
    expect(parseDate("2024-13-01")).toEqual({
      ok: false,
      error: { code: "dateInvalid", values: { value: "2024-13-01" } },
    });
  });

  it("should refuse what is not a date, naming the value", () => {
    for (const bad of ["soon", "next week", "2024", "12", "13/13/2024", "1.5", "99999999"])
      expect([bad, parseDate(bad).ok]).toEqual([bad, false]);
    expect(parseDate("Q3")).toEqual({ ok: false, error: { code: "dateInvalid", values: { value: "Q3" } } });
    expect(parseDate(12).ok).toBe(false);
  });
});
