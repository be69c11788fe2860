import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", ".data/**", "node_modules/**", "drizzle/**", "next-env.d.ts", "test-results/**"] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read settings through lib/env.ts.",
        },
      ],
    },
  },
  {
    // The places allowed to read process.env: the env module itself, CLIs and test harness.
    files: ["lib/env.ts", "lib/cli/**", "test/**", "*.config.*", "lib/server/db/drizzle.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // workflows/ is pure: no framework, database or clock.
    files: ["workflows/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["next", "next/*", "react", "react-dom", "drizzle-orm*", "postgres", "@/lib/*"] },
      ],
    },
  },
);
