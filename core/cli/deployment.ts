// The deployment every entry point boots: this project's configuration, features and tenant plugins.
import { features, tenantPlugins } from '../../plugins/index.js';
import { loadConfig, type Config } from '../config.js';
import { createServer, type Deployment, type ServerOptions } from '../server.js';

export function bootDeployment(
  config: Config = loadConfig(),
  overrides: Partial<ServerOptions> = {},
): Promise<Deployment> {
  return createServer({ config, features, tenantPlugins, ...overrides });
}
