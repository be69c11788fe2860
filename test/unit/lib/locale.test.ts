import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/lib/i18n/config";
import { parseEnv } from "@/lib/env";

describe("choosing the language from the browser", () => {
  it("should pick Chinese for any Chinese variant and English for any English one", () => {
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-GB,en;q=0.8")).toBe("en");
  });

  it("should follow the browser's preference order, skipping languages it does not speak", () => {
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.8,zh;q=0.7")).toBe("en");
    expect(localeFromAcceptLanguage("de;q=0.9,zh-CN;q=0.95,en;q=0.5")).toBe("zh-CN");
  });

  it("should have no opinion without a language it speaks", () => {
    expect(localeFromAcceptLanguage("fr,de")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });
});

describe("settings", () => {
  it("should use the defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, PW_DB_PORT: 54329, PW_SEED_DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("should name the setting at fault", () => {
    expect(() => parseEnv({ PW_DB_PORT: "80", DATABASE_URL: "not a url" })).toThrow(
      /PW_DB_PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PW_DB_PORT/,
    );
  });
});
