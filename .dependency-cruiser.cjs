// The module boundaries of src, checked by `npm run lint` (scripts/check-boundaries.mjs). The renderer is layered: a
// folder may import its own modules and the folders below it, never one above, so folders cannot form cycles.
const R = '^src/renderer/src';

/** Renderer folders from the top down; the last layer's three folders do not import each other either. */
const LAYERS = [
  // The entry (main.tsx) and the routes.
  { name: 'app', path: `${R}/(app/|[^/]+$)` },
  // One folder per screen or workflow.
  { name: 'features', path: `${R}/features/` },
  // UI shared by features.
  { name: 'components', path: `${R}/components/` },
  // React hooks shared by features; the live queries over IndexedDB.
  { name: 'hooks', path: `${R}/hooks/` },
  // App-wide stores: the session and its database, the sync round, machine settings.
  { name: 'state', path: `${R}/state/` },
  { name: 'sync', path: `${R}/sync/` },
  { name: 'data', path: `${R}/data/` },
  { name: 'platform, lib, i18n', path: `${R}/(platform|lib|i18n)/` },
];

const TESTS = '\\.test\\.tsx?$';
const TEST_SUPPORT = '^tests/support/';

const layerRules = LAYERS.slice(1).map((layer, i) => ({
  name: `layer-${layer.name.replace(/\W+/g, '-')}`,
  comment: `${layer.name} never imports a layer above it (${LAYERS.slice(0, i + 1)
    .map((l) => l.name)
    .join(', ')}).`,
  severity: 'error',
  from: { path: layer.path, pathNot: TESTS },
  // Message catalogues are data: i18n/ assembles every owner's messages.json.
  to: { path: LAYERS.slice(0, i + 1).map((l) => l.path), pathNot: '/messages\\.json$' },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules do not import each other in a circle, not even through type-only imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-feature-to-feature',
      comment: 'A feature never imports another feature: what two features need lives in a shared folder.',
      severity: 'error',
      from: { path: `${R}/features/([^/]+)/` },
      to: { path: `${R}/features/`, pathNot: `${R}/features/$1/` },
    },
    ...layerRules,
    {
      name: 'platform-lib-i18n-independent',
      comment: 'platform/, lib/ and i18n/ are one layer: none of them imports another.',
      severity: 'error',
      from: { path: `${R}/(platform|lib|i18n)/`, pathNot: TESTS },
      to: { path: `${R}/(platform|lib|i18n)/`, pathNot: `${R}/$1/` },
    },
    {
      name: 'dexie-only-in-storage',
      comment: 'Only data/ and sync/ open IndexedDB; everything else goes through their repositories.',
      severity: 'error',
      from: { path: R, pathNot: `${R}/(data|sync)/` },
      to: { path: 'node_modules/dexie/' },
    },
    {
      name: 'live-queries-only-in-hooks',
      comment: 'Components subscribe to IndexedDB through the live-query hooks of hooks/, never with useLiveQuery or liveQuery directly.',
      severity: 'error',
      from: { path: R, pathNot: `${R}/hooks/` },
      to: { path: ['node_modules/dexie-react-hooks/', `${R}/data/liveQuery\\.ts$`] },
    },
    {
      name: 'storage-without-ui',
      comment: 'data/ and sync/ hold storage and sync logic: no React, antd, stores or features.',
      severity: 'error',
      from: { path: `${R}/(data|sync)/` },
      to: {
        path: [
          'node_modules/(react|react-dom|react-i18next|antd|@ant-design/[^/]+|zustand|dexie-react-hooks)/',
          `${R}/(app|features|components|hooks|state)/`,
        ],
      },
    },
    {
      name: 'test-support-only-in-tests',
      comment: 'tests/support (test doubles and fixtures) is for tests only.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: TEST_SUPPORT },
    },
    {
      name: 'shared-stays-shared',
      comment: 'src/shared runs unchanged in main, preload, renderer, worker and server: it imports only src/shared.',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: TESTS },
      to: { path: '^(src/(?!shared/)|tests/|scripts/|resources/)' },
    },
    {
      name: 'services-without-http',
      comment: 'The rules of the endpoint (services, access, domain, db) know nothing of HTTP: only http/ and routes/ do.',
      severity: 'error',
      from: { path: '^src/server/(services|access|domain|db|auth)/', pathNot: TESTS },
      to: { path: ['^src/server/(http|routes)/', '^src/server/app\\.ts$', 'node_modules/(fastify|@fastify/[^/]+)/'] },
    },
    {
      name: 'server-apart',
      comment: 'The endpoint never imports the desktop app (renderer, main, preload).',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/(renderer|main|preload)/' },
    },
    {
      name: 'app-without-server',
      comment: 'The desktop app (renderer, main, preload) never imports the endpoint.',
      severity: 'error',
      from: { path: '^src/(renderer|main|preload)/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'renderer-without-main',
      comment: 'The renderer reaches the main process only through the bridge, never by importing it.',
      severity: 'error',
      from: { path: `${R}/` },
      to: { path: '^src/main/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they couple modules as much as value imports.
    tsPreCompilationDeps: true,
    // Resolves the @shared/* alias.
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    exclude: { path: '(^|/)out/' },
  },
};
