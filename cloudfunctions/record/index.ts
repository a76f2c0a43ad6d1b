import { defineFunction } from '../common/define';
import { close, get, history, save } from './record';
import { exportRecord, ledger } from './sheets';
import { stats } from './stats';

export const record = defineFunction('record', { actions: { get, save, close, export: exportRecord, ledger, stats, history } });
export const main = record.main;
