"use client";

/** The file name a response's Content-Disposition gives (the UTF-8 form first). */
function fileNameOf(res: Response, fallback: string) {
  const header = res.headers.get("content-disposition") ?? "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) return decodeURIComponent(utf8[1]!);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads what a route handler sends (exports, reports) and saves it under its own name; an
 * error answer throws its translated message instead of saving a JSON file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? res.statusText);
  }
  const name = fileNameOf(res, fallbackName);
  saveFile(await res.blob(), name);
  return name;
}

/** Saves what the page made (a CSV, a JSON file) under `name`, as a download. */
export function saveFile(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
