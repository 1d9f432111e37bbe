import type { ByteStream } from './transport.js';

/** Reads a body to text, stopping after `limit` characters (error bodies only: they are small). */
export async function readBodyText(body: string | ByteStream, limit = 65536): Promise<string> {
  if (typeof body === 'string') return body;
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length >= limit) break;
  }
  return text + decoder.decode();
}
