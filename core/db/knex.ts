// One knex factory for both profiles: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
// PGlite has exactly one connection: code must pass the transaction it holds, never the outer knex.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import type { Config } from '../config.js';

// COUNT(*) and BIGINT come back as numbers in both drivers (values stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD' strings, never shifted by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Knex;

export interface DbOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Pool size for PostgreSQL; ignored by PGlite. */
  poolMax?: number;
}

export function createDb(options: DbOptions | Config): Db {
  if (options.databaseUrl) {
    return knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: 'databasePoolMax' in options ? options.databasePoolMax : (options.poolMax ?? 10) },
    });
  }
  const dir = `${options.dataDir}/pglite`;
  mkdirSync(dir, { recursive: true });
  // The same type parsing as pg above: PGlite would otherwise give dates as Date objects at UTC midnight.
  // btree_gist: the rooms' exclusion constraint (migrations/20261205090000_create-presentations.ts) needs it.
  const pglite = new PGlite(dir, {
    extensions: { btree_gist },
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.NUMERIC]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
    },
  });
  return knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: { pglite } as unknown as Knex.StaticConnectionConfig,
  });
}

export function isEmbedded(db: Db): boolean {
  return db.client.config.client !== 'pg';
}
