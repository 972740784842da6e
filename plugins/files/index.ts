// Uploaded files on a storage driver (local disk under DATA_DIR/files by default). Files never attached are purged
// hourly once a day old (files.purge-orphans).
import { join } from 'node:path';
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { FileService } from './file-service.js';
import { fileRoutes } from './routes/files.js';
import { LocalDiskStorage } from './storage.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { filePages } from './pages/staff/files.js';

declare module '../../core/app.js' {
  interface Services {
    files: FileService;
  }
}

const PURGE_INTERVAL_MS = 60 * 60_000;

export const filesPlugin: FeaturePlugin = {
  name: 'xz-files',
  version: '1.0.0',
  dependencies: ['xz-network'],
  register(server, { app }: { app: App }) {
    const files = new FileService(app.db, new LocalDiskStorage(join(app.config.dataDir, 'files')));
    app.services.files = files;
    server.route(fileRoutes(files, service(app, 'memberships'), app.sites));
    app.tasks.every('files.purge-orphans', PURGE_INTERVAL_MS, async () => {
      const removed = await files.purgeOrphans();
      if (removed > 0) app.log.info({ removed }, 'purged files never attached');
    });
    addFeaturePages(server, app, 'files', filePages(app));
  },
};
