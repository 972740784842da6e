// npm run migrate: applies pending migrations to DATABASE_URL, or to the embedded database under ./data.
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';

const config = loadConfig();
const db = createDb(config);
const applied = await migrateLatest(db);
console.log(
  applied.length
    ? `applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
    : 'database is up to date',
);
await db.destroy();
