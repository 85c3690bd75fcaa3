// The demo's evidence images: a signature (a deterministic pen stroke) and a site photo (a shop front with its door),
// as PNG bytes, so the demo's completed inspections carry real, hash-checkable attachments.
import { encode } from 'fast-png';
import { Rng } from './random';

const WIDTH = 360;
const HEIGHT = 140;

function canvas(width: number, height: number, background: readonly [number, number, number]) {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(background, i);
  const fill = (x0: number, y0: number, x1: number, y1: number, colour: readonly [number, number, number]) => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(height, Math.ceil(y1)); y++)
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(width, Math.ceil(x1)); x++) data.set(colour, (y * width + x) * 3);
  };
  return { data, fill, png: () => encode({ width, height, data, channels: 3, depth: 8 }) };
}

/** A signature pad's image of a pen stroke, different for every label. */
export function demoSignaturePng(label: string): Uint8Array {
  const rng = Rng.from(`signature/${label}`);
  const image = canvas(WIDTH, HEIGHT, [255, 255, 255]);
  let x = 30;
  let y = HEIGHT / 2;
  const pen = [11, 31, 77] as const;
  while (x < WIDTH - 30) {
    const nextX = x + rng.int(8, 22);
    const nextY = Math.min(HEIGHT - 20, Math.max(20, y + rng.int(-30, 30)));
    const steps = 24;
    for (let s = 0; s <= steps; s++) {
      const px = x + ((nextX - x) * s) / steps;
      const py = y + ((nextY - y) * s) / steps;
      image.fill(px - 1.5, py - 1.5, px + 1.5, py + 1.5, pen);
    }
    x = nextX;
    y = nextY;
  }
  return image.png();
}

/** A site photo: a shop front with its door, in colours that differ by label. */
export function demoPhotoPng(label: string): Uint8Array {
  const rng = Rng.from(`photo/${label}`);
  const wall = [rng.int(150, 220), rng.int(140, 210), rng.int(120, 200)] as const;
  const image = canvas(480, 320, [rng.int(160, 200), rng.int(190, 220), rng.int(220, 250)]);
  image.fill(0, 120, 480, 320, wall);
  image.fill(60, 140, 420, 175, [170, 30, 30]);
  image.fill(180, 200, 300, 320, [70, 60, 55]);
  image.fill(40, 200, 150, 280, [120, 160, 190]);
  image.fill(330, 200, 440, 280, [120, 160, 190]);
  return image.png();
}
