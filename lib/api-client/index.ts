import createClient from "openapi-fetch";
import type { paths } from "./schema";

export type { components, operations, paths } from "./schema";

/**
 * A typed client of the REST API (/api/v1): openapi-fetch over the types openapi-typescript
 * generates from the API's own OpenAPI document (`npm run api:client`; a unit test fails when they
 * are out of date). Every call returns `{ data, error, response }`: `data` on 2xx, `error` (an RFC
 * 9457 problem) otherwise.
 */
export function createPipewrightClient(options: {
  /** The app's origin, e.g. https://crm.example.com */
  baseUrl: string;
  /** An API key from Settings → API keys: pw_<prefix>_<secret> */
  token?: string;
  /** Language of error messages: zh-CN or en */
  locale?: string;
  fetch?: typeof fetch;
}) {
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/$/, "")}/api/v1`,
    headers: {
      ...(options.token && { Authorization: `Bearer ${options.token}` }),
      "Accept-Language": options.locale ?? "en",
    },
    ...(options.fetch && { fetch: options.fetch }),
  });
}

export type PipewrightClient = ReturnType<typeof createPipewrightClient>;
