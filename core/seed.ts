import type { App } from './app.js';

/** Runs every feature's demo seeder in registration order; each is idempotent. */
export async function runSeeders(app: App): Promise<string[]> {
  const ran: string[] = [];
  for (const seeder of app.seeders) {
    await seeder.run(app);
    ran.push(seeder.name);
  }
  return ran;
}

/** True when no staff account exists yet: the embedded profile seeds demo data on its first start. */
export async function isUnseeded(app: App): Promise<boolean> {
  const row = await app.db('staff_accounts').first('id');
  return !row;
}
