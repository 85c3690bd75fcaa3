// The thumbnail kept on the laptop in place of a photo original dropped after the retention period: big enough for
// the galleries and the conflict panel, a few KB each.
export const THUMBNAIL_MAX_EDGE = 320;

export async function makeThumbnail(bytes: Uint8Array, type: string): Promise<Uint8Array> {
  // Loaded when first needed (an original past its retention), not with the app's start.
  const { default: imageCompression } = await import('browser-image-compression');
  const small = await imageCompression(new File([bytes as BlobPart], 'photo', { type }), {
    maxWidthOrHeight: THUMBNAIL_MAX_EDGE,
    maxSizeMB: 0.05,
    initialQuality: 0.7,
    fileType: 'image/jpeg',
    // No worker: the library would fetch its worker script from a CDN, which the CSP does not allow.
    useWebWorker: false,
  });
  return new Uint8Array(await small.arrayBuffer());
}
