import { DEFAULT_LOCALE, localeFromAcceptLanguage } from "@/lib/i18n/config";
import { problem } from "@/lib/server/api-v1/problem";

/** Any other path under /api/v1: a problem+json 404 in the caller's language, not the app's HTML page. */
function notFound(req: Request) {
  const locale = localeFromAcceptLanguage(req.headers.get("accept-language")) ?? DEFAULT_LOCALE;
  return Response.json(problem(locale, 404, "api.notFound"), {
    status: 404,
    headers: { "content-type": "application/problem+json; charset=utf-8", "content-language": locale },
  });
}

export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
