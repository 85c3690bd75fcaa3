// `npm run dist` packages the built app with this configuration (see scripts/packaging.mjs).
import { builderConfig } from './scripts/packaging.mjs';

export default builderConfig();
