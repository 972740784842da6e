// One deployment per test run (boot is the slow part); tests arrange their own rows and never rely on order.
import type { ServerInjectOptions, ServerInjectResponse } from '@hapi/hapi';
import { bootDeployment } from '../../core/cli/deployment.js';
import type { Deployment } from '../../core/server.js';
import { testConfig } from './env.js';

let deployment: Promise<Deployment> | null = null;

export function getDeployment(): Promise<Deployment> {
  deployment ??= bootDeployment(testConfig()).then(async (d) => {
    await d.server.initialize();
    d.app.tasks.startRelay();
    d.app.tasks.startWorker(4);
    return d;
  });
  return deployment;
}

/** The deployment listening on a free port (started on first use), as the base URL for real HTTP and browsers. */
export async function listeningBase(): Promise<string> {
  const { server } = await getDeployment();
  if (!server.info.started) await server.start();
  return `http://127.0.0.1:${server.info.port}`;
}

export async function stopDeployment(): Promise<void> {
  if (!deployment) return;
  const d = await deployment;
  deployment = null;
  await d.stop();
}

export async function inject(options: ServerInjectOptions | string): Promise<ServerInjectResponse> {
  const { server } = await getDeployment();
  return server.inject(options);
}

/** Body of a JSON response. */
export function json<T = Record<string, unknown>>(res: ServerInjectResponse): T {
  return JSON.parse(res.payload) as T;
}

export async function staffToken(username: string, password = 'xiaozhao-demo'): Promise<string> {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/auth/staff-login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`staff login ${username} failed: ${res.payload}`);
  return json<{ token: string }>(res).token;
}
