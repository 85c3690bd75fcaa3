// Runs the real `npm run draw:verify` command on written draw files.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runDraw } from '@shared/draw/draw';
import type { DrawFile } from '@shared/draw/schema';
import { drawInputs } from '../tests/support/drawFixtures';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function verify(file: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const target = path.join(dir, `draw-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(target, typeof file === 'string' ? file : JSON.stringify(file));
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'draw:verify', '--', target], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const drawFile = (): DrawFile => {
  const inputs = drawInputs();
  return { recordId: 'draw-1', ranBy: 'sup-a', ranAt: '2025-07-01T02:00:00.000Z', inputs, result: runDraw(inputs) };
};

describe('npm run draw:verify', () => {
  it('prints identical with the hashes and exits 0 for an untouched draw file', async () => {
    const file = drawFile();
    const { code, stdout } = await verify(file);
    expect(code).toBe(0);
    expect(stdout).toContain('IDENTICAL');
    expect(stdout).toContain(file.result.populationHash);
    expect(stdout).toContain(file.result.outputHash);
    expect(stdout).toContain(file.result.seed);
  }, 30_000);

  it('prints different and exits 1 when the drawn list was changed', async () => {
    const file = drawFile();
    file.result.assignments[0]!.officerIds.reverse();
    const { code, stdout } = await verify(file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/outputHash[\s\S]*DIFFERENT/);
    expect(stdout).toContain('DIFFERENT: the recorded draw is not what its inputs produce');
  }, 30_000);

  it('exits 2 with a reason for a file that is not a draw file', async () => {
    const { code, stderr } = await verify('{"hello":1}');
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not a draw file/);
  }, 30_000);
});
