// The draw's only source of randomness: xoroshiro128+ (pure-rand), whose 128-bit state is the first 16 bytes of a
// SHA-256 seed read as four big-endian 32-bit words. Integers come from pure-rand's unbiased uniformInt.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export const PRNG_NAME = 'xoroshiro128plus (pure-rand), state = first 16 bytes of the seed, 4 × uint32 big-endian';

export class DrawRandom {
  private readonly rng: RandomGenerator;

  constructor(seedHex: string) {
    if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new Error('a draw seed is 64 lowercase hex characters (a SHA-256)');
    const state = [0, 8, 16, 24].map((at) => Number.parseInt(seedHex.slice(at, at + 8), 16) | 0);
    if (state.every((word) => word === 0)) throw new Error('the seed gives an all-zero generator state');
    this.rng = xoroshiro128plusFromState(state);
  }

  /** A uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
}
