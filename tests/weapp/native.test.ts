/**
 * @jest-environment jsdom
 *
 * The native check-in component as it ships: dist/weapp's copy (after Taro's build and px transform),
 * not the source, run by miniprogram-simulate.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import 'miniprogram-simulate';
import { checkinCodeSuite } from '../helpers/checkin-code';
import { DIST, requireDist } from './harness/dist';

requireDist();
// In WeChat, app.js loads webpack's runtime before anything else; the component's compiled file is a
// chunk that registers (and so calls Component()) through it.
const runtime = readFileSync(path.join(DIST, 'runtime.js'), 'utf8');
new Function('wx', runtime)((globalThis as unknown as { wx: object }).wx);

checkinCodeSuite(path.join(DIST, 'components/native/checkin-code/index'));
