import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes versioned SQL migrations; the endpoint applies them at start (src/server/db/open.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
