// The intake upload in main: the file the officer picked in the native dialog goes from disk to the endpoint as a
// stream, with the token main holds. Memory stays flat whatever the file's size, and the renderer only ever sees
// progress and the answer: the file never crosses IPC.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ApiClient } from '@shared/api/client';
import type { IntakeUploadQuery } from '@shared/api/intake';
import { INTAKE_SNIFF_BYTES, type IntakeUploadProgress, type IntakeUploadResult } from '@shared/api/intakeUpload';

/** The file's first bytes, which tell a CSV's encoding. */
async function readHead(filePath: string): Promise<Uint8Array> {
  const file = await open(filePath, 'r');
  try {
    const head = new Uint8Array(INTAKE_SNIFF_BYTES);
    const { bytesRead } = await file.read(head, 0, head.byteLength, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export async function uploadIntakeFileFromDisk(
  api: ApiClient,
  filePath: string,
  query: IntakeUploadQuery,
  onProgress: (progress: IntakeUploadProgress) => void,
): Promise<IntakeUploadResult> {
  const [head, { size }] = await Promise.all([readHead(filePath), stat(filePath)]);
  const body = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
  return api.uploadIntakeFile(query, { fileName: path.basename(filePath), size, head, body }, onProgress);
}
