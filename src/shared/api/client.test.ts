// The client's named exceptions of the intake: the upload sends the file as it is read, the returns file comes back as
// bytes with its name.
import { describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { INTAKE_FILE_NAME_HEADER } from './intake';

const batch = {
  id: 'ib-1',
  kind: 'penalties',
  source: 'dept-amr',
  sourceName: '市场监管局',
  status: 'settled',
  counts: { received: 1, accepted: 1, updated: 0, duplicate: 0, returned: 0, disputed: 0 },
  openReturns: 0,
  fileName: '处罚.csv',
  mediaType: 'text/csv',
  encoding: 'gb18030',
  bytes: 3,
  uploadedBy: { id: 'off-data01', name: '吕明华' },
  uploadedAt: '2026-12-05T10:00:00.000Z',
  period: { start: '2026-12-01', end: '2026-12-15', label: '2026年12月上半月' },
};

function recordingClient(answer: () => Response) {
  const seen: { url: string; init: RequestInit & { duplex?: string } }[] = [];
  const client = new ApiClient({
    baseUrl: 'http://endpoint',
    getToken: () => 'token',
    fetch: async (url, init) => {
      seen.push({ url: String(url), init: init as RequestInit });
      return answer();
    },
  });
  return { client, seen };
}

describe('ApiClient intake', () => {
  it('uploads a file stream with its media type and name, half duplex', async () => {
    const { client, seen } = recordingClient(() => new Response(JSON.stringify({ batch }), { status: 201 }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3]));
        controller.close();
      },
    });
    const answer = await client.uploadIntakeBatch(
      { kind: 'penalties', source: 'dept-amr' },
      { body, contentType: 'text/csv; charset=gb18030', fileName: '处罚.csv' },
    );
    expect(answer.batch.id).toBe('ib-1');
    expect(seen[0]!.url).toBe('http://endpoint/api/v1/intake/batches?kind=penalties&source=dept-amr');
    expect(seen[0]!.init).toMatchObject({ method: 'POST', body, duplex: 'half' });
    expect(seen[0]!.init.headers).toMatchObject({
      'content-type': 'text/csv; charset=gb18030',
      [INTAKE_FILE_NAME_HEADER]: encodeURIComponent('处罚.csv'),
      authorization: 'Bearer token',
    });
  });

  it('downloads the returns file with the name the endpoint gives', async () => {
    const { client, seen } = recordingClient(
      () =>
        new Response(new Uint8Array([80, 75]), {
          headers: {
            'content-type': 'text/csv',
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('行政处罚-退回.csv')}`,
          },
        }),
    );
    const file = await client.intakeReturnsFile({ source: 'dept-amr', kind: 'penalties', format: 'csv' });
    expect(file).toEqual({ bytes: new Uint8Array([80, 75]), contentType: 'text/csv', fileName: '行政处罚-退回.csv' });
    expect(seen[0]!.url).toBe('http://endpoint/api/v1/intake/returns/file?source=dept-amr&kind=penalties&format=csv');
  });

  it('turns a refused file into an ApiError with the endpoint’s reason', async () => {
    const { client } = recordingClient(
      () => new Response(JSON.stringify({ error: 'invalid_file', message: 'the file is empty' }), { status: 400 }),
    );
    await expect(
      client.uploadIntakeBatch(
        { kind: 'penalties', source: 'dept-amr' },
        { body: new Uint8Array(0), contentType: 'text/csv', fileName: 'x.csv' },
      ),
    ).rejects.toMatchObject({ kind: 'invalid_request', message: 'the file is empty', status: 400 });
  });
});
