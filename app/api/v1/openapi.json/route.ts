import { openApiDocument } from "@/lib/server/api-v1/openapi";

/** The OpenAPI 3.1 document of /api/v1: public, built from the same zod schemas the routes validate with. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
