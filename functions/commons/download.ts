import type middy from '@middy/core';
import type { ApiEvent, ApiResponse, ApiResult } from './http';

/**
 * File downloads (the self-evaluation workbook) through the same handler chain as JSON routes: the
 * handler returns `download(...)`, and the `binaryDownloads` middleware, added after the chain, turns
 * that reply into API Gateway's binary form (base64 body, `isBase64Encoded`), with the file's own
 * content type and a Content-Disposition that keeps a Chinese file name (RFC 6266 / 5987).
 */
const MARK = 'pilotopsDownload';

export interface Download {
  filename: string;
  /** an ASCII name for clients that ignore filename* */
  asciiFilename: string;
  contentType: string;
  bytes: Buffer;
}

export function download(file: Download): ApiResponse {
  return { status: 200, body: { [MARK]: true, filename: file.filename, asciiFilename: file.asciiFilename, contentType: file.contentType, base64: file.bytes.toString('base64') } };
}

interface Marked {
  [MARK]: true;
  filename: string;
  asciiFilename: string;
  contentType: string;
  base64: string;
}

function marked(body: string | undefined): Marked | undefined {
  if (body === undefined || !body.startsWith(`{"${MARK}":true`)) return undefined;
  return JSON.parse(body) as Marked;
}

export const binaryDownloads: middy.MiddlewareObj<ApiEvent, ApiResult> = {
  after: (request) => {
    const file = marked(request.response?.body);
    if (!file || !request.response) return;
    request.response = {
      statusCode: request.response.statusCode ?? 200,
      isBase64Encoded: true,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'cache-control': 'no-store',
      },
      body: file.base64,
    };
  },
};
