// Work done as a generator's steps, run either at once or in pieces with pauses between them (the window keeps
// drawing while 1,000,000 values are sorted or joined).

/** Work between pauses of a run in pieces, by default. */
export const PIECE_MS = 40;

/** Runs `steps`, pausing whenever `pieceMs` of work went by since the last pause. */
export async function inPieces<T>(steps: Generator<void, T>, pause: () => Promise<void>, pieceMs = PIECE_MS): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= pieceMs) {
      await pause();
      since = performance.now();
    }
  }
}

export function atOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
