import { describe, expect, it } from 'vitest';
import { xhrUpload } from './xhrUpload';

/** Enough of XMLHttpRequest to see what the transport asks of it and to play the browser's events back. */
class FakeRequest extends EventTarget {
  upload = new EventTarget();
  opened: [string, string] | null = null;
  headers: Record<string, string> = {};
  sent: unknown = undefined;
  responseType = '';
  status = 0;
  statusText = '';
  response: ArrayBuffer | null = null;
  answerHeaders = '';
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return this.answerHeaders;
  }
  send(body: unknown) {
    this.sent = body;
  }
  progress(loaded: number) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded }));
  }
  answer(status: number, body: string, headers: string) {
    Object.assign(this, { status, statusText: 'Created', response: new TextEncoder().encode(body).buffer, answerHeaders: headers });
    this.dispatchEvent(new Event('load'));
  }
}

describe('xhrUpload', () => {
  it('sends the body with its headers, reports the bytes sent, and answers like fetch', async () => {
    const request = new FakeRequest();
    const file = new Blob(['行政相对人名称\n']);
    const seen: number[] = [];
    const answer = xhrUpload(() => request as unknown as XMLHttpRequest)(
      'https://endpoint.test/api/v1/intake/batches?kind=penalties',
      { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'text/csv' }, body: file },
      (bytes) => seen.push(bytes),
    );
    expect(request.opened).toEqual(['POST', 'https://endpoint.test/api/v1/intake/batches?kind=penalties']);
    expect(request.headers).toEqual({ authorization: 'Bearer t', 'content-type': 'text/csv' });
    expect(request.sent).toBe(file);
    expect(request.responseType).toBe('arraybuffer');
    request.progress(5);
    request.progress(22);
    request.answer(201, '{"batch":1}', 'content-type: application/json\r\nx-request-id: 7\r\n');
    const response = await answer;
    expect(seen).toEqual([5, 22]);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('7');
    expect(await response.json()).toEqual({ batch: 1 });
  });

  it('rejects with a TypeError when no answer came, as fetch does', async () => {
    for (const event of ['error', 'abort', 'timeout']) {
      const request = new FakeRequest();
      const answer = xhrUpload(() => request as unknown as XMLHttpRequest)('https://endpoint.test/x', { body: new Blob([]) }, () => {});
      request.dispatchEvent(new Event(event));
      await expect(answer).rejects.toBeInstanceOf(TypeError);
    }
  });
});
