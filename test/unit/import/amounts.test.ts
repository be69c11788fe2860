import { describe, expect, it } from "vitest";
import { parseAmount, parseCurrency, parseNumber } from "@/lib/import/amounts";

const amount = (value: number, currency: string | null = null) => ({
  ok: true,
  value: { amount: value, currency },
});

describe("parseAmount", () => {
  it.each([
    ["1200", amount(1200)],
    ["1,200", amount(1200)],
    ["1,200.50", amount(1200.5)],
    ["¥1,200.50", amount(1200.5, "CNY")],
    ["￥1,200.50", amount(1200.5, "CNY")],
    ["$1,200", amount(1200, "USD")],
    ["US$ 1,200", amount(1200, "USD")],
    ["HK$800", amount(800, "HKD")],
    ["€99.90", amount(99.9, "EUR")],
    ["£10", amount(10, "GBP")],
    ["1200元", amount(1200, "CNY")],
    ["1,200 元", amount(1200, "CNY")],
    ["RMB 5000", amount(5000, "CNY")],
    ["5000 USD", amount(5000, "USD")],
    ["1.2万", amount(12000)],
    ["1.2万元", amount(12000, "CNY")],
    ["¥1.2万", amount(12000, "CNY")],
    ["3亿", amount(300000000)],
    ["2.5百万", amount(2500000)],
    ["5千", amount(5000)],
    ["1.2w", amount(12000)],
    ["15k", amount(15000)],
    ["1.5M", amount(1500000)],
    ["１２００", amount(1200)],
    ["1 200 000", amount(1200000)],
    ["0.005", amount(0.01)],
    ["+300", amount(300)],
  ])("should read %s", (input, expected) => {
    expect(parseAmount(input)).toEqual(expected);
  });

  it("should take a number cell as it is, rounded to cents", () => {
    expect(parseAmount(1200.5)).toEqual(amount(1200.5));
    expect(parseAmount(0.1 + 0.2)).toEqual(amount(0.3));
  });

  it("should refuse negative amounts in every spelling", () => {
    for (const bad of ["-100", "−100", "(1,200)", "¥-100", "-¥100", "100-", "-1.2万"])
      expect([bad, parseAmount(bad)]).toEqual([
        bad,
        { ok: false, error: { code: "amountNegative", values: { value: bad } } },
      ]);
    expect(parseAmount(-5)).toEqual({
      ok: false,
      error: { code: "amountNegative", values: { value: "-5" } },
    });
  });

  it("should refuse what is not an amount, a decimal comma and absurd sizes", () => {
    for (const bad of ["abc", "1.200,50", "12,00", "1..2", "¥", "10%", "1,2345"])
      expect([bad, parseAmount(bad).ok]).toEqual([bad, false]);
    expect(parseAmount("about 5000")).toEqual({
      ok: false,
      error: { code: "amountInvalid", values: { value: "about 5000" } },
    });
    expect(parseAmount("2000000亿")).toEqual({
      ok: false,
      error: { code: "amountTooLarge", values: { value: "2000000亿" } },
    });
  });

  it("should take the largest amount a deal holds and refuse the next cent (the database would)", () => {
    expect(parseAmount("99,999,999,999,999.99")).toEqual({
      ok: true,
      value: { amount: 99_999_999_999_999.99, currency: null },
    });
    for (const big of ["100,000,000,000,000", "1000000亿", "99999999999999.999", 1e14])
      expect([big, parseAmount(big)]).toEqual([
        big,
        { ok: false, error: { code: "amountTooLarge", values: { value: String(big) } } },
      ]);
  });

  it("should leave an empty cell empty", () => {
    expect(parseAmount("")).toEqual({ ok: true, value: null });
    expect(parseAmount(null)).toEqual({ ok: true, value: null });
  });
});

describe("parseNumber", () => {
  it("should read separators, units, percentages and negatives", () => {
    expect(parseNumber("1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("15%")).toEqual({ ok: true, value: 15 });
    expect(parseNumber("-3")).toEqual({ ok: true, value: -3 });
    expect(parseNumber("2万")).toEqual({ ok: true, value: 20000 });
    expect(parseNumber(7)).toEqual({ ok: true, value: 7 });
  });

  it("should hold a number to the field's bounds and refuse money", () => {
    expect(parseNumber("120", { min: 0, max: 100 })).toEqual({
      ok: false,
      error: { code: "numberAboveMax", values: { value: "120", max: 100 } },
    });
    expect(parseNumber("-1", { min: 0 })).toEqual({
      ok: false,
      error: { code: "numberBelowMin", values: { value: "-1", min: 0 } },
    });
    expect(parseNumber("¥5").ok).toBe(false);
    expect(parseNumber("five").ok).toBe(false);
  });
});

describe("parseCurrency", () => {
  it("should read codes and marks in zh and en", () => {
    expect(parseCurrency("usd")).toEqual({ ok: true, value: "USD" });
    expect(parseCurrency("人民币")).toEqual({ ok: true, value: "CNY" });
    expect(parseCurrency("美元")).toEqual({ ok: true, value: "USD" });
    expect(parseCurrency("HK$")).toEqual({ ok: true, value: "HKD" });
    expect(parseCurrency("")).toEqual({ ok: true, value: null });
    expect(parseCurrency("Bitcoin")).toEqual({
      ok: false,
      error: { code: "currencyUnknown", values: { value: "Bitcoin" } },
    });
  });
});
