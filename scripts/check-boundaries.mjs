// `npm run lint` checks the module boundaries of .dependency-cruiser.cjs with dependency-cruiser's API: its command
// line refuses Node 20, which the app supports, while the API runs on it.
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const config = await extractDepcruiseConfig('./.dependency-cruiser.cjs');
const result = await cruise(
  ['src'],
  { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, outputType: 'err-long' },
  undefined,
  { tsConfig: extractTSConfig(config.options.tsConfig.fileName) },
);
process.stdout.write(result.output);
process.exitCode = result.exitCode === 0 ? 0 : 1;
