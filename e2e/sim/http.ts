import type { IncomingMessage, ServerResponse } from 'node:http';

/** The prefix of every simulator admin route; no real ConnectWise or vendor path starts with it. */
export const ADMIN_PREFIX = '/__sim';

export async function readBody(req: IncomingMessage, limitBytes = 5_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const isText = typeof body === 'string';
  const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(payload);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
