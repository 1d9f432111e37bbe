/** One part of a multipart/form-data body. */
export interface MultipartPart {
  readonly name: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** The boundary of a `multipart/form-data; boundary=...` content type, if it is one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** Splits a multipart/form-data body into its named parts (small bodies only: ≤ 100,000 chars of CSV). */
export function parseMultipart(body: string, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  for (const section of body.split(`--${boundary}`).slice(1)) {
    if (section.startsWith('--')) break;
    const text = section.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(text);
    if (!split) continue;
    const head = text.slice(0, split.index);
    const content = text.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    const contentType = /^content-type:\s*(.+)$/im.exec(head)?.[1]?.trim();
    parts.push({ name, contentType, body: content });
  }
  return parts;
}
