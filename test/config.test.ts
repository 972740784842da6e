import { expect } from 'chai';
import { loadConfig } from '../core/config.js';

describe('loadConfig', () => {
  it('gives a worker four concurrent tasks unless WORKER_CONCURRENCY says otherwise', () => {
    expect(loadConfig({}).workerConcurrency).to.equal(4);
    expect(loadConfig({ WORKER_CONCURRENCY: '12' }).workerConcurrency).to.equal(12);
  });

  it('refuses a WORKER_CONCURRENCY that is not a positive integer, naming the variable', () => {
    for (const value of ['0', '2.5', 'many']) {
      expect(() => loadConfig({ WORKER_CONCURRENCY: value })).to.throw(/WORKER_CONCURRENCY/);
    }
  });
});
