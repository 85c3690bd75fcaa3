// Request bodies with upload progress in a browser. fetch reports none, and streams a request body only over HTTP/2;
// XMLHttpRequest sends a File straight from disk and tells how many bytes went.
import type { UploadTransport } from '@shared/api/client';

/** The fetch-like send of ApiClient's uploads with progress, over XMLHttpRequest. */
export function xhrUpload(createRequest: () => XMLHttpRequest = () => new XMLHttpRequest()): UploadTransport {
  return (url, init, onSent) =>
    new Promise<Response>((resolve, reject) => {
      const request = createRequest();
      request.open(init.method ?? 'POST', url);
      new Headers(init.headers).forEach((value, name) => request.setRequestHeader(name, value));
      request.responseType = 'arraybuffer';
      request.upload.addEventListener('progress', (event) => onSent(event.loaded));
      request.addEventListener('load', () => {
        const headers = new Headers();
        for (const line of request
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const colon = line.indexOf(':');
          if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
        }
        resolve(new Response(request.response as ArrayBuffer, { status: request.status, statusText: request.statusText, headers }));
      });
      // Like fetch: a request that got no answer rejects with a TypeError, which the client reports as the network's.
      request.addEventListener('error', () => reject(new TypeError('the upload could not reach the endpoint')));
      request.addEventListener('abort', () => reject(new TypeError('the upload was aborted')));
      request.addEventListener('timeout', () => reject(new TypeError('the upload timed out')));
      request.send(init.body as XMLHttpRequestBodyInit | null);
    });
}
