import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BASE_URL } from './browser';

interface Report {
  score: number;
  audited: number;
  url: string;
  signedIn: boolean;
  failed: { id: string; title: string; items: string[] }[];
}

/** Lighthouse (ESM-only) runs in a child process; this file's local runtime must keep answering meanwhile, so not spawnSync. */
async function audit(openid: string, path: string): Promise<Report> {
  const { stdout } = await promisify(execFile)('node', [join(__dirname, 'lighthouse.mjs'), BASE_URL, openid, path], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Report;
}

it.each([
  ['a member', 'demo-member-01'],
  ['a secretary', 'demo-secretary'],
])('Lighthouse accessibility of the h5 home as %s is at least 95, measured on the signed-in page', async (_who, openid) => {
  const report = await audit(openid, 'pages/home/index');
  expect(report).toMatchObject({ signedIn: true, url: expect.stringMatching(/#\/pages\/home\/index$/) });
  // Lighthouse applied its audits (a blank page would score 100 on almost none).
  expect(report.audited).toBeGreaterThanOrEqual(10);
  expect({ score: report.score >= 95 ? 'at least 95' : report.score, failed: report.failed }).toEqual({ score: 'at least 95', failed: [] });
});
