import { describe, expect, it } from 'vitest';
import { encodeBridgeError } from '@shared/bridgeError';
import { drawFailureOf } from './drawFailure';

describe('drawFailureOf', () => {
  it('names the constraints an infeasible draw reports, through either bridge', () => {
    const message =
      'no legal team exists for 2 drawn enterprise(s): 91370602MA3C4XYZ0Q: recusal (every officer of department dept-tax is recused); ' +
      '91370611MA3C4XYZ0R: team_size (1 eligible officer(s) for a team of 2)';
    const web = Object.assign(new Error(message), { kind: 'invalid_request', status: 422 });
    const electron = new Error(encodeBridgeError({ kind: 'invalid_request', status: 422, message }));
    for (const error of [web, electron])
      expect(drawFailureOf(error)).toEqual({ kind: 'infeasible', constraints: ['recusal', 'team_size'], message });
  });

  it('tells offline apart from other refusals', () => {
    expect(drawFailureOf(Object.assign(new Error('cannot reach the endpoint'), { kind: 'network' }))).toEqual({ kind: 'offline' });
    const conflict = Object.assign(new Error('plan plan-1 was already drawn (record draw-1); a draw is never re-run'), {
      kind: 'invalid_request',
      status: 409,
    });
    expect(drawFailureOf(conflict)).toEqual({ kind: 'other', message: conflict.message });
  });
});
