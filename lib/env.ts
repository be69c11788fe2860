import { z } from "zod";

/**
 * The only reader of process.env. Every setting Pipewright understands is declared
 * here, validated once, and typed for the rest of the code.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** An external Postgres. Without it, `npm run dev` / `npm start` start an embedded one. */
  DATABASE_URL: z.url().optional(),
  /** Port of the embedded Postgres started when DATABASE_URL is absent. */
  PW_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Where the embedded Postgres keeps its data, and where the generated auth secret lives. */
  PW_DATA_DIR: z.string().min(1).default("./.data"),
  /** Seed the demo company when the database has no company yet. */
  PW_SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Port the web app listens on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Postgres pool size per app process. */
  PW_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Let webhooks reach loopback, private-network and link-local addresses (127.0.0.1, 10.x,
   * 192.168.x, 169.254.169.254 …). Off by default: an admin's URL must not become a way into the
   * server's own network. Turn it on for a receiver on your own machine or intranet.
   */
  PW_WEBHOOK_ALLOW_PRIVATE: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Requests each API key may make per minute (REST API `/api/v1`); past it, 429. */
  PW_API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Trust X-Forwarded-For for the client IP (only behind a proxy you run). */
  PW_TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof EnvSchema>;

function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment settings:\n${lines}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);
export { parseEnv };
