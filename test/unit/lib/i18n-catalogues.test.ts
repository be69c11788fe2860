import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

// "{name}" or "{count, plural, …}"; not the "{No deals}" text inside a plural branch.
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
const EN = flatten(en);
const ZH = flatten(zhCN);
const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}
const sources = ["app", "lib"]
  .flatMap((d) => sourceFiles(path.join(root, d)))
  .map((f) => readFileSync(f, "utf8"));

describe("translation catalogues", () => {
  it("should have the same keys in zh-CN and en", () => {
    expect([...ZH.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect([...EN.keys()].filter((k) => !ZH.has(k))).toEqual([]);
  });

  it("should use the same placeholders in both languages", () => {
    for (const [key, text] of EN)
      expect([key, placeholders(ZH.get(key) ?? "")]).toEqual([key, placeholders(text)]);
  });

  it("should have no empty message", () => {
    for (const [key, text] of [...EN, ...ZH]) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it("should translate every error the server raises", () => {
    const keys = sources.flatMap((s) =>
      [...s.matchAll(/appError\(\s*"[A-Z_]+",\s*"(\w+)"/g)].map((m) => `errors.${m[1]}`),
    );
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => !EN.has(k) || !ZH.has(k))).toEqual([]);
  });

  it("should translate every validation message the input schemas use", () => {
    const keys = sources.flatMap((s) =>
      [...s.matchAll(/\{ error: "(\w+)" \}/g)].map((m) => `validation.${m[1]}`),
    );
    expect(keys.length).toBeGreaterThan(5);
    expect([...new Set(keys)].filter((k) => !EN.has(k) || !ZH.has(k))).toEqual([]);
  });

  it('should have every key a page asks for with a literal t("…") in its namespace', () => {
    const missing: string[] = [];
    for (const src of sources) {
      // const t = useTranslations("ns") / await getTranslations("ns")
      // One name may be bound to several namespaces in one file (one per component).
      const namespaces = new Map<string, string[]>();
      for (const [, name, ns] of src.matchAll(
        /const (\w+) = (?:await )?(?:useTranslations|getTranslations)\("(\w+)"\)/g,
      )) {
        namespaces.set(name!, [...(namespaces.get(name!) ?? []), ns!]);
      }
      for (const [name, nss] of namespaces) {
        for (const m of src.matchAll(new RegExp(`\\b${name}\\("([\\w.]+)"`, "g"))) {
          const found = nss.some(
            (ns) => EN.has(`${ns}.${m[1]}`) || [...EN.keys()].some((k) => k.startsWith(`${ns}.${m[1]}.`)),
          );
          if (!found) missing.push(`${nss.join("|")}.${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
