// npm run draw:verify -- <draw file>
// Re-runs a draw from its draw file (GET /api/v1/plans/:id/draw/file) and says whether the result is identical to the
// recorded one, printing each recorded and re-computed hash. Exit code 0: identical; 1: different; 2: unreadable file.
import { readFileSync } from 'node:fs';
import { verifyDrawFile } from '@shared/draw/draw';
import { drawFileSchema } from '@shared/draw/schema';

function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    console.error('usage: npm run draw:verify -- <draw file>');
    return 2;
  }
  let parsed;
  try {
    parsed = drawFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (!parsed.success) {
    console.error(
      `${file} is not a draw file: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
    return 2;
  }
  const { data } = parsed;
  console.log(`draw ${data.recordId} of plan ${data.inputs.plan.id} (${data.inputs.plan.name}), run ${data.ranAt} by ${data.ranBy}`);
  console.log(
    `seed value: ${data.inputs.seedValue}   population: ${data.inputs.population.length}   drawn: ${data.result.assignments.length}`,
  );
  let verification;
  try {
    verification = verifyDrawFile(data);
  } catch (error) {
    console.log(`DIFFERENT: the recorded inputs cannot produce a draw: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  for (const h of verification.hashes) {
    console.log(
      `${h.name.padEnd(15)} recorded   ${h.recorded}\n${''.padEnd(15)} recomputed ${h.recomputed}   ${h.recorded === h.recomputed ? 'same' : 'DIFFERENT'}`,
    );
  }
  if (verification.assignmentsDiffer) console.log('the recorded drawn list and teams differ from the re-run');
  console.log(
    verification.identical
      ? 'IDENTICAL: re-running the published inputs gives the recorded draw'
      : 'DIFFERENT: the recorded draw is not what its inputs produce',
  );
  return verification.identical ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
